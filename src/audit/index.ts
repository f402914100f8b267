/**
 * `contact-ledger/audit`: what an auditor needs to trust nothing but the log and a published key.
 * RFC 6962 leaves and proofs (inclusion, consistency), C2SP signed checkpoints, and `verifyLog` /
 * `verifyBundle`, which recompute every leaf and root, check every checkpoint against the keys
 * you pin (never a key that came with the data), check that the log extends a checkpoint you kept
 * (`since`), and name the first position that does not match.
 *
 * @example
 * import { verifyLog, parseVerifierKey } from 'contact-ledger/audit'
 * const pinned = parseVerifierKey(publishedKeyLine)            // the key the ministry published
 * if (E.isRight(pinned)) {
 *   const r = await verifyLog(store, { verifiers: [pinned.right], since: keptCheckpointNote })()
 *   // Right(Verified { treeSize, signedCheckpoints, verifiedBy, since }) or Right(VerificationFailure { position, kind, reason })
 * }
 */

// verification of a whole log or an exported bundle
export { verifyLog, verificationFailure, checkCheckpoint, keyLabel } from './verify.js'
export type { VerificationFailure, Verified, VerificationResult, VerifyOptions, EventCheck, FailureKind, KeyName } from './verify.js'
export { verifyIndexes, rebuildIndexes } from './verify-indexes.js'
export type { IndexesVerified } from './verify-indexes.js'
export { verifyBundle } from './bundle.js'
export type { BundleInput, BundleCheckpoint, BundleOptions } from './bundle.js'
export { openCheckpoint, signersOf } from './trust.js'
export type { OpenedCheckpoint } from './trust.js'

// proofs (RFC 9162): made from a store, checked without one
export { proveInclusion, proveConsistency, rootAt } from './proof.js'
export type { InclusionReceipt, ConsistencyReceipt } from './proof.js'
export { verifyInclusion, verifyConsistency, rootFromInclusionProof } from './verify-proof.js'
export type { ProofInvalid, Count } from './verify-proof.js'
export { formatTlogProof, parseTlogProof, verifyTlogProof } from './tlog-proof.js'
export type { TlogProof } from './tlog-proof.js'

// signed checkpoints (C2SP tlog-checkpoint in a signed note, Ed25519)
export { signedCheckpoint, checkpointBody, parseCheckpoint, verifyCheckpoint } from './checkpoint.js'
export { recordedOrigin } from './checkpoint.js'
export type { OriginMismatch } from './checkpoint.js'
export type { Checkpoint, SignedCheckpoint } from './checkpoint.js'
export { signNote, openNote, parseVerifierKey, parsePrivateKey, generateSigner, formatVerifierKey, keyId } from './note.js'
export type { Verifier, NoteSigner, OpenedNote, KeyInvalid, NoteInvalid } from './note.js'
export { DEFAULT_ORIGIN } from '../ports/signer.js'
export type { Signer } from '../ports/signer.js'

// the bytes a leaf hashes, and the hashes themselves
export { canonicalJson, entryBytes, leafHashOf } from './canonical.js'
export { sha256, hashLeaf, hashChildren, EMPTY_ROOT } from './hash.js'

// the log as C2SP tlog-tiles: written from a store, read and verified through any fetch
export { tilePath, tileIndexPath, hashTiles, levelTiles, encodeEntryBundle, decodeEntryBundle, TILE_WIDTH } from './tiles.js'
export type { TileId, BundleInvalid } from './tiles.js'
export { writeTiles, entryBundles } from './tiles-write.js'
export type { TileFile, TilesWritten, TileOptions } from './tiles-write.js'
export { openTileTree, rootFromTiles, inclusionFromTiles, consistencyFromTiles } from './tiles-read.js'
export type { TileFetch, TileTree, TileInvalid } from './tiles-read.js'
export { verifyTiles } from './tiles-verify.js'
export type { TileVerifyOptions, TilesVerified } from './tiles-verify.js'

// witnesses (C2SP tlog-cosignature v1, Ed25519): cosigning only consistent checkpoints, and counting cosignatures
export { parseCosignerKey, cosignerFromPrivateKey, cosignerKeyId, cosignatureMessage, addCosignature, cosignaturesOf, verifyCosignatures } from './cosignature.js'
export type { CosignerKey, Cosigner, Cosignature, CosignaturesInvalid } from './cosignature.js'
export { witnessCheckpoint } from './witness.js'
export type { WitnessRefusal, WitnessRequest, WitnessCosigned, OfferedProof } from './witness.js'
// a published report with its snapshot entry, checked against the public hash tiles and a pinned key
export { publicationEntry, publicationEntryOf, checkPublication } from './publication-check.js'
export type { PublicationEntry, PublicationChecked, PublicationFailure, PublicationFailureKind } from './publication-check.js'
