/** The README.txt of an audit bundle: how to check it with standard tools, against the published key. */

/**
 * The README text for a bundle of `size` entries signed by the key `vkey`. Every recipe in it is
 * run by tests/audit/bundle-readme.test.ts against a real exported bundle.
 *
 * @example
 * writeFileSync('out/README.txt', bundleReadme({ size: 120, origin, vkey, exportedBy: 'e.auditor' }))
 */
export const bundleReadme = ({ size, origin, vkey, exportedBy, purpose }: { readonly size: number; readonly origin: string; readonly vkey: string; readonly exportedBy?: string; readonly purpose?: string }): string => `Audit bundle of the contact-ledger register ${origin}
=====================================================================
${exportedBy === undefined ? '' : `
Exported by ${exportedBy}${purpose === undefined ? '' : ` (purpose: ${purpose})`}; that export is in the register's access log. This
folder holds every entry of the register, restricted data (DOMAIN.md rule 20): whoever reads it
from here on is in no access log of the register, so keep it as you keep the register itself.
`}
This folder lets you check, without access to the ministry's systems, that the register's log of
${size} entries was not rewritten or shortened. Everything follows public standards: RFC 8785 (JSON
canonicalisation), RFC 6962 / RFC 9162 (Merkle tree hashing and proofs), C2SP signed-note and
tlog-checkpoint (https://c2sp.org).

Trust nothing in this folder by itself: whoever could alter the entries could also make a new key
and sign new checkpoints with it. Check the signatures against the verifier key the ministry
published (put that line in a file, below ../published.vkey), and keep the checkpoint you checked,
so that next time you can check that the log still extends it.

Files
-----
entries.jsonl        line i (counting from 0) is exactly the canonical bytes of entry i, followed by
                     a newline that is not part of the entry. Leaf i is SHA-256(0x00 || line).
leaves.txt           line i is the hex leaf hash of entry i as the register's Merkle tree stores it.
                     Its root must match the checkpoints too; an entry whose leaf differs from its
                     line here is the entry that was altered.
checkpoint           the signed checkpoint of these ${size} entries: origin, tree size, base64 root,
                     a blank line, then the signature line(s).
checkpoints/N.note   every checkpoint the register signed, at tree size N (the latest is the same as
                     checkpoint). Each must match the root of the first N lines of entries.jsonl: a
                     mismatch means the log was rewritten after that checkpoint was published.
key.vkey             the key the exporter signed with: ${vkey}
                     It proves nothing by itself: compare it with the published key, and check the
                     signatures against the published key, never against this file.

1. With contact-ledger
----------------------
    contact-ledger verify --bundle . --vkey ../published.vkey
    contact-ledger verify --bundle . --vkey ../published.vkey --since ../kept-checkpoint.note

exits 0 when everything holds, 1 with the first failing position otherwise (or when no signature
was checked against the published key). The second form also checks that this log extends a
checkpoint you kept from an earlier audit (else it was truncated, rolled back or forked).

2. One leaf hash with sha256sum (here entry 0; use line N+1 for entry N)
------------------------------------------------------------------------
    ( printf '\\000'; sed -n '1p' entries.jsonl | head -c -1 ) | sha256sum
    sed -n '1p' leaves.txt

The two hashes must be the same.

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
    tree = [bytes.fromhex(l) for l in open('leaves.txt').read().split()]
    for i, line in enumerate(open('entries.jsonl', 'rb').read().split(b'\\n')[:-1]):
        rec = json.loads(line)
        assert rec['position'] == i, f'line {i + 1}: position {rec["position"]}'
        # RFC 8785 for these entries: sorted keys, no spaces, UTF-8 (numbers are integers)
        assert json.dumps(rec, sort_keys=True, separators=(',', ':'), ensure_ascii=False).encode() == line, f'entry {i} not canonical'
        leaves.append(h(b'\\x00', line))
        assert leaves[i] == tree[i], f'entry {i} does not match leaf {i} of leaves.txt: the entry was altered'
    assert len(tree) == len(leaves), 'leaves.txt and entries.jsonl differ in length'
    for f in ['checkpoint'] + sorted(glob.glob('checkpoints/*.note')):
        origin, n, b64root = open(f).read().split('\\n')[:3]
        assert base64.b64decode(b64root) == root(leaves[:int(n)]), f'{f}: root does not match entries'
        print(f, 'size', n, 'root matches')
    PY

(The check of canonical form above holds for this register's entries, which carry only strings,
integers, booleans and nulls; contact-ledger verify --bundle applies RFC 8785 exactly.)

4. The checkpoint signatures with OpenSSL 3 (Ed25519), against the published key
--------------------------------------------------------------------------------
    for f in checkpoint checkpoints/*.note; do
    python3 - "$f" ../published.vkey <<'PY'
    import base64, sys
    note, vkey = open(sys.argv[1], 'rb').read(), open(sys.argv[2]).read().strip()
    name, keyid, key = vkey.split('+', 2)
    text, sigs = note.split(b'\\n\\n', 1)
    open('msg.bin', 'wb').write(text + b'\\n')
    sig = None
    for line in sigs.decode().splitlines():             # the signature line of the published key
        who, b64 = line[2:].split(' ')
        raw = base64.b64decode(b64)
        if who == name and raw[:4].hex() == keyid: sig = raw[4:]
    assert sig is not None, f'{sys.argv[1]}: not signed by the published key {name}+{keyid}'
    open('sig.bin', 'wb').write(sig)
    pub = base64.b64decode(key)[1:]                     # skip the 0x01 type byte
    open('pub.der', 'wb').write(bytes.fromhex('302a300506032b6570032100') + pub)
    PY
    openssl pkeyutl -verify -pubin -keyform DER -inkey pub.der -rawin -in msg.bin -sigfile sig.bin || echo "$f: FAILED"
    done

prints "Signature Verified Successfully" once for each checkpoint (the origin on each checkpoint's
first line must be the published key's name).
`
