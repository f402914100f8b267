/**
 * Given names the name screening recognises at the start of a two- to four-word value
 * ("Frank Farnel", "Phillip Malloch"). Common given names across Europe and the English-speaking
 * world, and those of the Members of the European Parliament in the EU Integrity Watch sample.
 * Compared case- and accent-sensitively as written (capitalised); a value in upper case is
 * compared in its capitalised form.
 */
const LIST = `
Aaron Abdul Abir Adam Adrian Adriana Adrián Agnes Agnès Ahmed Aidan Alain Alan Albert Alberto Alejandro Alessandra Alessandro Alex Alexander
Alexandr Alexandra Alexandre Alexis Alfred Alfredo Ali Alice Alicia Alin Alison Alistair Alviina Amanda Amy Ana Anders Andor Andrea Andreas Andrej Andrew Andrey
Andrius Andrus Andy Angela Angelika Angelo Angus Anja Anke Ann Anna Anne Annemarie Annette Annie Anthony Antoine Anton Antonio Antonius Arba Arjen Arne Arnaud Arnold
Arthur Asger Attila Aurore Axel Barbara Barry Bart Bas Bastian Beatrice Ben Benedikt Benjamin Benoît Benoit Bernard Bernd Bernhard Bert Bettina Bianca Biljana Bill
Billy Birgit Bjorn Björn Bob Bogdan Bogusław Boris Brendan Brian Bruno Camilla Carl Carla Carlo Carlos Carmen Carol Caroline Carsten Catherine Cathy Cecilia
Charles Charlie Charlotte Chiara Chris Christel Christian Christina Christine Christoph Christophe Christopher Chrysoula Ciarán Ciaran Cindy Claire Clara Clare Claude Claudia
Claudio Colin Conor Constanze Corina Cornelia Craig Cristina Csaba César Damian Damien Dan Daniel Daniela Daniele Danilo Danuta Dario Darren David Davide Dean Debbie
Deborah Delara Denis Dennis Derek Diana Diane Diego Dieter Dimitris Dirk Dita Dominic Dominik Dominique Donald Doug Douglas Dragoş Duncan Ed Edward Eero Elena Eleonora
Elisa Elisabeth Elisabetta Elizabeth Ellen Elsi Emil Emily Emma Emmanuel Enikő Enrico Eric Erik Erika Ernest Esther Estrella Eugen Eugenia Eva Evelyn Evin Fabian
Fabienne Fabio Fabrice Federico Felix Fernando Filip Florian Francesca Francesco Frances Francis Francisco Franck François Frank Franz Fred Frederic Frédéric Frederik
Frédérique Gabriel Gabriele Gareth Gary Geert Georg George Georges Gerard Gerhard Gert Gianluca Gilles Giorgio Giovanni Giulia Giuseppe Gordon Grace Graça Graham Greg
Gregor Gregory Guido Guillaume Günther Gunther Gustavo Guy Gwendoline Hannah Hannes Hans Harald Harry Heidi Heike Heinz Helen Helena Helmut Heléne Henk Henna Henri
Henrik Henrike Henry Herbert Hildegard Hugo Hugh Ian Ibán Idoia Ilan Ilana Ilse Ingrid Irene Irène Isabel Isabella Isabelle Iskra István Iuliu Ivan Ivars Ivo Izaskun
Jack Jacob Jacques Jakob Jakop James Jan Jane Janet Janine Jaroslav Jason Javier Jean Jeff Jennifer Jens Jeremy Jeroen Jessica Jim Jo Joachim Joanna Joao João Joe
Johan Johann Johannes John Jon Jonas Jonás Jonathan Jordi Jorge Jose José Josef Joseph Josianne Joëlle Juan Judith Jules Julia Julian Julie Julien Juozas Jürgen Jurgen
Justin Jutta Jytte Jérémy Jérôme Jörg Jörgen Júlia Karel Karen Karim Karima Karin Karl Kate Katalin Katarina Katarzyna Kateřina Katharina Katherine Kathrin Katrin Keith Kevin
Kim Kira Klaus Klemen Klára Kosma Kristian Kurt Lara Lars Laura Laurence Laurent Lea Leila Lena Leo Leon Leonardo Lina Linda Linea Lisa Loucas Louis Louise Luc Luca
Lucas Lucia Lucy Ludovic Luděk Luigi Luis Lukas Łukasz Maarten Magnus Maite Malik Malin Malte Manfred Manon Manu Manuel Manuela Marc Marcel Marco Marcos Marek Margaret
Margarida Margrete Maria Marian Marianne Marie Mariusz Marina Mario Marion Marisa Mark Markus Markéta Marta Martin Martina Mary Massimo Mathias Mathieu Matteo Matthew
Matthias Mattia Mauri Maurizio Max Maxime Mazaly Mehmet Melanie Miapetra Michael Michaela Michal Michał Michel Michele Michèle Miguel Mike Mikuláš Milan Miriam Mohamed
Mohammed Monica Monika Moritz Morten Mounir Mónica Nadia Natalia Nathalie Neil Nicholas Niclas Nico Nicola Nicolas Nicolás Nicole Niels Nigel Niklas Nikolaj Nikolaos
Nils Nina Noel Nora Norbert Oliver Olivier Olga Ondřej Oscar Pablo Paola Paolo Pascal Patricia Patrick Patrizia Paul Paula Pavel Pedro Pekka Per Pernille Petar Peter
Petra Petras Petri Petros Phil Philip Philipp Philippe Phillip Pierre Piernicola Pierrette Pieter Pietro Piotr Pär Rachel Radan Radka Radosław Rafael Rainer Ralf
Ralph Ramona Ramón Raphaël Rasa Rasmus Raymond Rebecca Reinhard Reinhold René Ricardo Riccardo Richard Rick Rob Robert Roberta Roberto Robin Roger Roland Romain Romana
Romeo Ronald Rosa Rosanna Rovana Ruth Ryan Sabine Sabrina Salima Salvatore Sam Samira Samuel Sandra Sandro Sara Sarah Saskia Scott Sean Sebastian Sébastien Sergei
Sergey Sergio Silvana Silvia Simon Simone Sira Sirpa Sofia Sonia Sophia Sophie Stefan Stefania Stefano Steffen Stephan Stephane Stéphane Stephanie Stéphanie Stephen
Steve Steven Stuart Sunčana Susan Susana Susanne Sven Svenja Sylvia Sylvie Sylwia Sándor Søren Tanja Tatjana Terry Teuvo Thierry Thijs Thomas Thorsten Tiemo Tilly
Tim Timo Timothy Tina Tineke Tiziana Tobias Tom Tomas Tomasz Tomislav Tomáš Tony Torsten Ulrich Ulrike Ursula Uwe Valentina Valérie Valerie Vera Veronika Véronique
Victor Victoria Vilibor Ville Vincent Viola Virginie Vlad Vladimir Vladimír Walter Werner Wim Wolfgang Włodzimierz Xavier Yana Yannick Yves Younous Yvonne Zdzisław
Zoltán Ádám Željana Nadia Nils Charles Jeffery Jeffrey Neville
`
/** The given names, as written. */
export const GIVEN_NAMES: ReadonlySet<string> = new Set(LIST.split(/\s+/u).filter((s) => s !== ''))
