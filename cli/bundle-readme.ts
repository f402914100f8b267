/** The README.txt of an audit bundle: how to check it with standard tools. */

/**
 * The README text for a bundle of `size` entries signed by the key `vkey`.
 *
 * @example
 * writeFileSync('out/README.txt', bundleReadme({ size: 120, origin, vkey }))
 */
export const bundleReadme = ({ size, origin, vkey }: { readonly size: number; readonly origin: string; readonly vkey: string }): string => `Audit bundle of the contact-ledger register ${origin}
=====================================================================

This folder lets you check, without access to the ministry's systems, that the register's log of
${size} entries was not rewritten or shortened. Everything follows public standards: RFC 8785 (JSON
canonicalisation), RFC 6962 / RFC 9162 (Merkle tree hashing and proofs), C2SP signed-note and
tlog-checkpoint (https://c2sp.org).

Files
-----
entries.jsonl        line i (counting from 0) is exactly the canonical bytes of entry i, followed by
                     a newline that is not part of the entry. Leaf i is SHA-256(0x00 || line).
checkpoint           the signed checkpoint of these ${size} entries: origin, tree size, base64 root,
                     a blank line, then the signature line(s).
checkpoints/N.note   every checkpoint the register signed earlier, at tree size N. Each must match
                     the root of the first N lines of entries.jsonl: a mismatch means the log was
                     rewritten after that checkpoint was published.
key.vkey             the verifier key: ${vkey}
                     Compare it with the key the ministry published; trust nothing else in here.

1. With contact-ledger
----------------------
    contact-ledger verify --bundle .

exits 0 when everything holds, 1 with the first failing position otherwise.

2. One leaf hash with sha256sum (here entry 0; use line N+1 for entry N)
------------------------------------------------------------------------
    ( printf '\\000'; sed -n '1p' entries.jsonl | head -c -1 ) | sha256sum

3. The root, the checkpoints and the entries' canonical form with Python 3 (standard library only)
--------------------------------------------------------------------------------------------------
    python3 - <<'PY'
    import base64, glob, hashlib, json
    def h(*parts): return hashlib.sha256(b''.join(parts)).digest()
    def root(leaves):                     # RFC 6962 section 2.1
        if not leaves: return h()
        if len(leaves) == 1: return leaves[0]
        k = 1
        while k * 2 < len(leaves): k *= 2
        return h(b'\\x01', root(leaves[:k]), root(leaves[k:]))
    leaves = []
    for i, line in enumerate(open('entries.jsonl', 'rb').read().split(b'\\n')[:-1]):
        rec = json.loads(line)
        assert rec['position'] == i, f'line {i + 1}: position {rec["position"]}'
        # RFC 8785 for these entries: sorted keys, no spaces, UTF-8 (numbers are integers)
        assert json.dumps(rec, sort_keys=True, separators=(',', ':'), ensure_ascii=False).encode() == line, f'entry {i} not canonical'
        leaves.append(h(b'\\x00', line))
    for f in ['checkpoint'] + sorted(glob.glob('checkpoints/*.note')):
        origin, n, b64root = open(f).read().split('\\n')[:3]
        assert base64.b64decode(b64root) == root(leaves[:int(n)]), f'{f}: root does not match entries'
        print(f, 'size', n, 'root matches')
    PY

(The check of canonical form above holds for this register's entries, which carry only strings,
integers, booleans and nulls; contact-ledger verify --bundle applies RFC 8785 exactly.)

4. The checkpoint signatures with OpenSSL (Ed25519, OpenSSL 3)
-------------------------------------------------------------
    python3 - <<'PY'
    import base64
    note = open('checkpoint', 'rb').read()
    text, sigs = note.split(b'\\n\\n', 1)
    open('msg.bin', 'wb').write(text + b'\\n')
    sig = base64.b64decode(sigs.split(b' ')[2].strip())[4:]        # skip the 4-byte key id
    open('sig.bin', 'wb').write(sig)
    name, keyid, key = open('key.vkey').read().strip().split('+', 2)
    pub = base64.b64decode(key)[1:]                                  # skip the 0x01 type byte
    open('pub.der', 'wb').write(bytes.fromhex('302a300506032b6570032100') + pub)
    PY
    openssl pkeyutl -verify -pubin -inform DER -inkey pub.der -rawin -in msg.bin -sigfile sig.bin

prints "Signature Verified Successfully". Repeat for each checkpoints/N.note.
`
