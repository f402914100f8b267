/**
 * The append in one round trip: a PL/pgSQL function in the register's schema (made by schema
 * version 4, schema.ts) that does inside one statement, and so in one transaction of its own, what
 * the dialect's `transact` does in four: it takes the append lock (transaction-scoped, the same key
 * as `transact` and a repair take), answers the inspection (idempotency keys, then the DCB
 * condition: the selections `compileSelection` compiles, group by group), checks that the register
 * holds exactly the size the core placed the batch at, and inserts the events, their tags and the
 * tree nodes, each table in one statement from arrays. A register that moved answers with its size
 * and the stored frontier at that size, read under the lock, so the caller can place again.
 *
 * Under any isolation level but READ COMMITTED (a role or database default) the statements after
 * the lock would not see the commits it waited for: the function then answers 'isolation' and the
 * dialect takes the four-step path, which sets its own level. The function names its schema's
 * tables and lock as they were when it was made; called for a schema of another name (the schema
 * was renamed, and another may now hold the old name) it answers 'elsewhere' and writes nothing.
 */
import type { PlacedAppend, PlacedOutcome, Selection, TreeNode } from '../../src/store/index.js'

// ---------------------------------------------------------------------------------------------
// model

/**
 * How the function finds an AnyTag group's positions: `'any'` as schema 4 made it (one scan for
 * `tag = ANY(...)`), `'lateral'` as schema 5 does (one index seek per tag).
 */
export type AppendFunctionForm = 'any' | 'lateral'

/** The function's name in the register's schema. */
export const APPEND_FUNCTION = 'append_placed'

/** A selection as the function reads it: `"all"`, or its groups (`t`: any | all | types). */
type SelectionJson = 'all' | ReadonlyArray<{ readonly t: 'any' | 'all' | 'types'; readonly tags: ReadonlyArray<string>; readonly types?: ReadonlyArray<string> }>

// ---------------------------------------------------------------------------------------------
// utils

const selectionJson = (selection: Selection): SelectionJson =>
  selection === 'all'
    ? 'all'
    : selection.map((g) =>
        g._tag === 'Types'
          ? { t: 'types', tags: [], types: g.types }
          : { t: g._tag === 'AnyTag' ? 'any' : 'all', tags: g.tags, ...(g.types !== undefined ? { types: g.types } : {}) },
      )

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The SQL that makes (or replaces) the function in schema `S` (quoted: a plain name in double
 * quotes, schema.ts), taking the advisory lock `lock`, in the form of a schema version (the
 * newest by default; the migrations name theirs, so each makes what it made when released).
 *
 * @example
 * await client.query(appendFunctionSql('"contact_ledger"', lockKey('append', 'contact_ledger')))
 */
export const appendFunctionSql = (S: string, lock: number, form: AppendFunctionForm = 'lateral'): string => {
  // an AnyTag group's positions: schema 4 asked `tag = ANY($2)`, which the planner reads as one
  // scan and, when its statistics say many rows a tag (a table that grew since its last ANALYZE),
  // answers with a scan of the whole tag table: a batch's condition then cost time in proportion
  // to the log. Since schema 5, one index seek per tag (one tag by equality; several by a LATERAL
  // subquery the planner cannot flatten: OFFSET 0), whatever the statistics say.
  const anyGroup =
    form === 'any'
      ? `'SELECT position FROM ${S}.event_tags WHERE tag = ANY($2) AND position >= $1' || v_typed`
      : `CASE WHEN cardinality(v_tags) = 1
          THEN 'SELECT position FROM ${S}.event_tags WHERE tag = $2[1] AND position >= $1' || v_typed
          ELSE 'SELECT t.position FROM unnest($2) AS q(tag) CROSS JOIN LATERAL (SELECT position FROM ${S}.event_tags WHERE tag = q.tag AND position >= $1' || v_typed || ' OFFSET 0) AS t' END`
  return `
CREATE OR REPLACE FUNCTION ${S}.${APPEND_FUNCTION}(
  p_schema text, p_expected bigint, p_keys text[], p_after bigint, p_condition jsonb,
  p_positions bigint[], p_types text[], p_tags jsonb[], p_idempotency text[], p_entries text[],
  p_levels integer[], p_idxs bigint[], p_hashes bytea[])
RETURNS TABLE (outcome text, held bigint, levels integer[], idxs bigint[], hashes bytea[])
LANGUAGE plpgsql VOLATILE AS $append$
#variable_conflict use_column
DECLARE
  v_size bigint;
  v_group jsonb;
  v_tags text[];
  v_types text[];
  v_typed text;
  v_sql text;
  v_hit boolean := false;
BEGIN
  IF p_schema IS DISTINCT FROM '${S.slice(1, -1)}' THEN
    RETURN QUERY SELECT 'elsewhere'::text, NULL::bigint, NULL::integer[], NULL::bigint[], NULL::bytea[];
    RETURN;
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RETURN QUERY SELECT 'isolation'::text, NULL::bigint, NULL::integer[], NULL::bigint[], NULL::bytea[];
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(${lock});
  SELECT coalesce(max(e.position) + 1, 0) INTO v_size FROM ${S}.events e;
  IF cardinality(p_keys) > 0 AND EXISTS (SELECT 1 FROM ${S}.events e WHERE e.idempotency_key = ANY(p_keys)) THEN
    RETURN QUERY SELECT 'key'::text, v_size, NULL::integer[], NULL::bigint[], NULL::bytea[];
    RETURN;
  END IF;
  IF p_condition IS NOT NULL THEN
    IF jsonb_typeof(p_condition) = 'string' THEN
      v_hit := EXISTS (SELECT 1 FROM ${S}.events e WHERE e.position > p_after);
    ELSE
      -- one group at a time, each planned for its values (EXECUTE), as compileSelection's query is
      FOR v_group IN SELECT x FROM jsonb_array_elements(p_condition) AS j(x) LOOP
        v_tags := ARRAY(SELECT jsonb_array_elements_text(v_group->'tags'));
        v_types := CASE WHEN v_group ? 'types' THEN ARRAY(SELECT jsonb_array_elements_text(v_group->'types')) END;
        v_typed := CASE WHEN v_types IS NULL THEN '' ELSE ' AND type = ANY($3)' END;
        v_sql := CASE v_group->>'t'
          WHEN 'types' THEN 'SELECT position FROM ${S}.events WHERE position >= $1 AND type = ANY($3)'
          WHEN 'any' THEN ${anyGroup}
          ELSE (SELECT '(' || string_agg(format('SELECT position FROM ${S}.event_tags WHERE tag = $2[%s] AND position >= $1%s', i, CASE WHEN i = 1 THEN v_typed ELSE '' END), ' INTERSECT ' ORDER BY i) || ')'
                FROM generate_subscripts(v_tags, 1) AS s(i))
        END;
        IF v_sql IS NULL THEN
          RAISE EXCEPTION 'contact-ledger: a condition group without tags: %', v_group;
        END IF;
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM ${S}.events WHERE position >= $1 AND position = ANY(ARRAY(' || v_sql || ')))'
          INTO v_hit USING p_after + 1, v_tags, v_types;
        EXIT WHEN v_hit;
      END LOOP;
    END IF;
    IF v_hit THEN
      RETURN QUERY SELECT 'matched'::text, v_size, NULL::integer[], NULL::bigint[], NULL::bytea[];
      RETURN;
    END IF;
  END IF;
  IF v_size <> p_expected THEN
    RETURN QUERY
      SELECT 'moved'::text, v_size, array_agg(w.l ORDER BY w.l DESC), array_agg(w.i ORDER BY w.l DESC), array_agg(n.hash ORDER BY w.l DESC)
      FROM (SELECT g.l, (v_size >> g.l) - 1 AS i FROM generate_series(0, 62) AS g(l) WHERE ((v_size >> g.l) & 1) = 1) AS w
      LEFT JOIN ${S}.nodes n ON n.level = w.l AND n.idx = w.i;
    RETURN;
  END IF;
  INSERT INTO ${S}.events (position, type, tags, idempotency_key, entry)
    SELECT u.p, u.ty, ARRAY(SELECT jsonb_array_elements_text(u.tg)), u.k, u.en
    FROM unnest(p_positions, p_types, p_tags, p_idempotency, p_entries) AS u(p, ty, tg, k, en);
  INSERT INTO ${S}.event_tags (tag, position, type)
    SELECT DISTINCT g.tag, u.p, u.ty FROM unnest(p_positions, p_types, p_tags) AS u(p, ty, tg)
      CROSS JOIN LATERAL jsonb_array_elements_text(u.tg) AS g(tag);
  INSERT INTO ${S}.nodes (level, idx, hash) SELECT * FROM unnest(p_levels, p_idxs, p_hashes);
  RETURN QUERY SELECT 'written'::text, v_size + cardinality(p_positions), NULL::integer[], NULL::bigint[], NULL::bytea[];
END
$append$`
}

/**
 * The call of the function for a placed batch: its text and parameters (one statement, run in
 * autocommit: its own transaction).
 *
 * @example
 * const r = await pool.query(...appendCall('"contact_ledger"', request))
 */
export const appendCall = (S: string, { size, inspection, write }: PlacedAppend): [string, unknown[]] => [
  `SELECT outcome, held::text AS held, levels, idxs::text[] AS idxs, hashes FROM ${S}.${APPEND_FUNCTION}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
  [
    S.slice(1, -1),
    size,
    inspection.keys,
    inspection.condition?.after ?? null,
    inspection.condition === undefined ? null : JSON.stringify(selectionJson(inspection.condition.selection)),
    write.rows.map((r) => r.event.position),
    write.rows.map((r) => r.event.type),
    write.rows.map((r) => JSON.stringify(r.event.tags)),
    write.rows.map((r) => r.event.meta.idempotencyKey ?? null),
    write.rows.map((r) => r.entry),
    write.nodes.map((n) => n.level),
    write.nodes.map((n) => n.index),
    write.nodes.map((n) => Buffer.from(n.hash)),
  ],
]

/**
 * The function's answer as the core reads it.
 *
 * @example
 * outcomeOf({ outcome: 'written', held: '12' }) // { _tag: 'Written' }
 */
export const outcomeOf = (row: Record<string, unknown> | undefined): PlacedOutcome => {
  const held = Number(row?.['held'])
  switch (row?.['outcome']) {
    case 'written':
      return { _tag: 'Written' }
    case 'key':
      return { _tag: 'Refused', inspected: { size: held, keySeen: true, matched: false } }
    case 'matched':
      return { _tag: 'Refused', inspected: { size: held, keySeen: false, matched: true } }
    case 'moved': {
      const levels = (row['levels'] as number[] | null) ?? []
      const idxs = (row['idxs'] as string[] | null) ?? []
      const hashes = (row['hashes'] as Array<Buffer | null> | null) ?? []
      const frontier: TreeNode[] = levels.flatMap((level, k) => {
        const hash = hashes[k]
        return hash === null || hash === undefined ? [] : [{ level, index: Number(idxs[k]), hash: new Uint8Array(hash) }]
      })
      return { _tag: 'Moved', size: held, frontier }
    }
    default:
      return { _tag: 'Unavailable' }
  }
}
