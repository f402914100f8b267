/**
 * Given names the name screening recognises at the start of a two- to four-word value
 * ("Frank Farnel", "Phillip Malloch"). Common given names across Europe and the English-speaking
 * world, and those of the Members of the European Parliament in the EU Integrity Watch sample.
 * Compared case- and accent-sensitively as written (capitalised); a name written in capitals is
 * not taken for a given name.
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
Kim Kira Klaus Klemen Klára Kosma Kristian Kurt Lara Lars Laura Laurence Laurent Lea Leila Lena Leo Leon Leonardo Lina Linda Lisa Loucas Louis Louise Luc Luca
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

Yehuda Vitor Göran Carolina Mouna Fredrik Luke Léa Margrethe Ophelia Bente Quentin Rita Bernward Tassilo Laure Johnny Jonny Letizia Fanni Kenneth
Valdis Friedolin Gunnar Olivér Stella Linn Carlotta Josipa Nick Heli Alena Volker Nikos Dymphna Sofie Margaritis Thilo Shpresa Mariya Samantha Aurelien
Aurélien Jochen Maud Waleed Fuad Irakli Celia Mauricio Dimiter Emilio Ole Kasper Annemiek Gina Nik Claus Pia Yara Zeinb Steen Aimi Maryant Tatyana Sheila
Athanase Goran Derik Franziska Verena Eckart Jenny Jana Myrthe Roxanne Srividya Miles Raphaela Margit Antti Koen Ilka Galina Thu Holger Armin Kalojan Oleg
Vanessa Eirini Notis Raphael Brunello Kai Pat Sunny Juergen Freya Elvana Hugues Iban Neha Magdalena Natasha Maja Constantine Sylvain Mihael Els Niovi
Wojciech Hélène Natalja Amandine Eleni Iryna Katerina Béatrice Miranda Najat Karolina Geneviève Vivian Coralie Dharsha Lora Zorislav Kyriakoulla Danièle
Marykate Kewan Patrice Cécile Leïla Montserrat Valeria Fabiano Gisèle Iliana Corrado Jacqui Mette Mathis Maroš Masahiro Audrey Rene Genoveva Faiyaz Almorò
Joaquim Luisa Brigitte Asad Lorena Camille Josep Nereo Mikko Pauline Damdin Reva Bruce Jake Virginia Yelena Natalie Gaitri Kakha Sandrine Grégory Janez
Romina Aigul Mihai Cornelis Constantin Carole Lise Livia Gábor Edit Nini Jacopo Anaïs Brando Jože Uro Katrine Jeanine Karolis Gabor Ioana Nicolai Achim
János Nóra Georgiana Vanja Otmar Zsofia Flutura Atanas Emilia Benedek Chavdar Preslav Gisela Niesco Myriam Hartmut Michiel Tamara Fedor Pier Inma Frederike
Tommaso Almut Sabria Karolin Merve Seda Nakeema Joris Aleksandra Jewher Nuno Myrto Ena Imane Renata Marietta Leyla Lawrence Dante Sergi Janne Diederik Olof
Davina Hajo Sieta Eduardo Otso Visvaldas Milos Hubert Alina Mikael Gunthram Dmitry Maija Kimmo Markku Eddy Seamus Marteen Kelsey Fleur Teemu Jyrki Sami
Jaana Viivi Elina Mika Jussi Sol Gerassimos Sorcha Aurelie Aurélie Naomi Lorene Hervé Matthieu Sotiria Kelig Katja Jedde Céline Eloise Veronique Elisha Timothée
Folker Sebastien Joost Swann Lis Olivia Pervenche Victorien Sian Maddalena Nadja Adrien Augusto Krzys Ourania Josephine Meike Siegfried Alva Athina Teresa
Kyung Elham Johanna Roel Elsbeth Cynthia Stijn Jaap Turi Femke Martijn Erzsebet Lutz Kristina Jona Friederike Salih Eve Katharine Leia Ludo Lotte Irmgard
Prabhakar Farhod Olaf Silja Hywel Aysun Cosmin Murat Nuran Raul Ulf Caren Wendla Maren Henner Aito Jerome Limya Miro Noirin Emer Niall Hemant Vesselin Kasia
Lucie Jindřich Jiří Edvardem Nicol Pim Hana Ioannis Sinne Lizette Jelena Johans Gunde Lucette Can Fei Alessia Affoussy Tagese Kees Eliska Bo Jeppe Lone
Henning Kadri Ilias Stiliyan Wojciech Francisca Marlene Sanna Marcella Blanka Tia Brikena Paulo Jordi Marilou Camiel Leah Tuomas Krassimira Antonino Chaim
Madelene Abhilash Jukka Frans Casper Jaeson Kristof Vittorio Wouter Sviatlana Kiki Allan Ashley Nebojsa Ewald Nikolaus Tihomir Brad Rocío Sabina Liu
Bilyana Päivi Pekka Markus Tapio Osmo Riikka Jari Ilari Zuzzana Bram Mathilde Borbála Lars Jennie Ylva Märta Cecilia Yasushi Harry Takeshi Mara Igor
Virginijus Vu Shi Ad Mihail Filip Georgi Christine Oswald Andrea Ana Mohamed Nana Irena Mukhtar Nazifullah Amani Meltem Rashid Azzurra Anna Ha Toni Werner
Marius Hanna Darja Kye Mickel Noémi Noémie Hughues Alban Zurab Annabell Anita Rudolf Nerys Abraham Gaetane
Augustin Aino Dauren Anneliese Artur Ashraf Asko Astrud Ira Bobi Samuli Gilbert Nadya Satu Claudelice Corinne Cyrille Dobrica Dragica Euclid Yvo Fatiha Federica Yanet Bastien Kalina Michelle Janeta Joonatan Juha Kaisu Kerstin Kirsten Leyner Lorenz Manuele Marios Marko Matej Kathleen Nadine Karol Ola Omar Jeni Panagiotis Pirkka Raúl Rebekka Roy Rupert Jillian Simo Suna Suzan Kristiina Theo Till Tuuli Virpi Agnieszka Josepha Ramy Capser
Leonie Joerg Hilu Insa Kinga Luciana Maaike Meri Phuc-Vinh Natascha Iida Willem Eleanor Valerio Delphine Filipe Tibor Margherete Liisa
`
/** The given names, as written. */
export const GIVEN_NAMES: ReadonlySet<string> = new Set(LIST.split(/\s+/u).filter((s) => s !== ''))
