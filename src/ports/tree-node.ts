/**
 * The stored Merkle tree's node identities, shared by the storage ports and `src/audit/tree.ts`
 * (which re-exports them): a complete, aligned subtree of `2^level` leaves.
 */

/** A complete subtree of `2^level` leaves starting at leaf `index·2^level`. */
export interface NodeId {
  readonly level: number
  readonly index: number
}

/** A node with its hash, as an adapter stores it. */
export interface TreeNode extends NodeId {
  readonly hash: Uint8Array
}
