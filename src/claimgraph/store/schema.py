"""The store's tables (SQLAlchemy Core, portable between SQLite and PostgreSQL).

Per-document tables (documents .. claim_evidence) hold what ingest and extract produced and are
written once per document in one transaction. Cross-document tables (entities .. copies) are derived
by resolve/corroborate and can be rebuilt from the per-document ones at any time; manual decisions
are kept apart so a rebuild replays them."""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

SCHEMA_VERSION = 9  # 2: entity_aliases, entity_stats, outlets (derived: an upgrade is a rebuild); claims.object, quotes.speaker, claims by support indexed
# 3: quote kind (occurrences and quotes), cue offsets, claim_evidence.status and claims.status; columns added in
# place (older rows: kind NULL = direct, status 'occurred')
# 4: entity_links (derived: demonym_of)
# 5: the incremental stage's state and indexes (derived: an upgrade is a rebuild): res_* (entity resolution),
# quote_shingles, quote_common_shingles, claim_index, place_names, outlet_claims, claims by (subject, predicate, object)
# 6: res_entity_names and res_groups.pick (derived: an upgrade is a rebuild), so an entity that only grows is renamed
# without reading its nodes
# 7: claim_index.source (derived: an upgrade is a rebuild), so whether a new article's outlet or wire is among a
# claim's sources is one index probe, not a scan of a hub claim's evidence
# 8: res_holders.ord (derived: an upgrade is a rebuild), so a name's first holder is one index probe, not a read of
# every node that holds a hub name
# 9: res_readers.fam (derived: an upgrade is a rebuild), so the readers of a vote key that may change family are
# found in an index, not by reading the node of every reader of a hub key
metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

documents = Table(
    "documents", metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("authors", Text, nullable=False, default="[]"),  # JSON list
    Column("published", String(32)),
    Column("outlet", Text),
    Column("wire", Text),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False, default="[]"),  # JSON list of debris taken out
    Column("extractor", String(64)),
    Column("ingested_at", Float, nullable=False),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", Float, nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("key", String(200), nullable=False),
    Column("name", Text, nullable=False),
    Column("extractor", String(64), nullable=False),
    Index("ix_mentions_doc_key", "doc_id", "key"),
)

descriptions = Table(
    "descriptions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_descriptions_doc_key", "doc_id", "key"),
)

# speakers and sources that are not named mentions ("a source with knowledge of the matter")
doc_sources = Table(
    "doc_sources", metadata,
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("label", String(16), nullable=False),
)

quote_occurrences = Table(
    "quote_occurrences", metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("cue", String(64)),
    Column("speaker_key", String(200)),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("said_on", String(32)),
    Column("extractor", String(64), nullable=False),
    Column("kind", String(16)),  # direct | mixed | indirect | according_to | belief
    Column("cue_start", Integer),
    Column("cue_end", Integer),
)

claim_evidence = Table(
    "claim_evidence", metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("subject_key", String(200), nullable=False),
    Column("predicate", String(32), nullable=False, index=True),
    Column("object_key", String(200)),
    Column("value", Text),
    Column("time", String(32)),
    Column("place_key", String(200)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("modality", String(16), nullable=False),
    # occurred | attempted | planned | prevented | future | hypothetical (extract.claims.status)
    Column("status", String(16), nullable=False, default="occurred", server_default="occurred"),
    Column("attributed_key", String(200)),
    Column("quote_occurrence", String(40)),
    Column("trigger", Text),
    Column("trigger_start", Integer),  # the trigger word's offsets in the text; NULL for relations and older rows
    Column("trigger_end", Integer),
    Column("extractor", String(64), nullable=False),
)

# ---- derived by resolve / corroborate -------------------------------------------------------
entities = Table(
    "entities", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
)

entity_members = Table(
    "entity_members", metadata,
    Column("doc_id", String(40), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("entity_id", String(40), nullable=False, index=True),
)

# per-entity aggregates, so the entity page of a hub named in half the corpus reads a few rows instead
# of every mention of it
entity_aliases = Table(
    "entity_aliases", metadata,
    Column("entity_id", String(40), primary_key=True),
    Column("alias", Text, primary_key=True),
    Column("mentions", Integer, nullable=False),  # mentions under this spelling (+ unnamed-source names)
)

entity_stats = Table(
    "entity_stats", metadata,
    Column("entity_id", String(40), primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
)

# links between entities that are not one: 'Iranian' (NORP) is the demonym_of 'Iran' (GPE)
entity_links = Table(
    "entity_links", metadata,
    Column("entity_id", String(40), primary_key=True),
    Column("kind", String(16), primary_key=True),  # demonym_of
    Column("target_id", String(40), primary_key=True, index=True),
)

decisions = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # merge | split
    Column("a", Text, nullable=False),
    Column("b", Text, nullable=False),
    Column("at", Float, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("id", String(40), primary_key=True),
    Column("text", Text, nullable=False),
    Column("speaker", String(40), index=True),
    Column("speaker_text", Text),
    Column("said_on", String(32)),
    Column("kind", String(16), index=True),
)

quote_members = Table(
    "quote_members", metadata,
    Column("occurrence_id", String(40), primary_key=True),
    Column("quote_id", String(40), nullable=False, index=True),
)

claims = Table(
    "claims", metadata,
    Column("id", String(40), primary_key=True),
    Column("subject", String(40), nullable=False, index=True),
    Column("predicate", String(32), nullable=False),
    Column("object", String(40), index=True),
    Column("value", Text),
    Column("time", String(32)),
    Column("place", String(40)),
    Column("status", String(16), nullable=False, default="occurred", server_default="occurred"),
    Column("documents", Integer, nullable=False, default=0),
    Column("independent", Integer, nullable=False, default=0),
    Column("denials", Integer, nullable=False, default=0),
    Column("conflicts", Text, nullable=False, default="[]"),
    # lists are ordered by support: without these a page of claims sorts every claim of the store
    Index("ix_claims_independent", "independent"),
    Index("ix_claims_documents", "documents", "independent"),
    Index("ix_claims_spo", "subject", "predicate", "object"),  # conflicts and generic denials of one triple
)

claim_members = Table(
    "claim_members", metadata,
    Column("evidence_id", String(40), primary_key=True),
    Column("claim_id", String(40), nullable=False, index=True),
)

# per-outlet aggregates for the sources view (outlet = the document's outlet, else its wire)
outlets = Table(
    "outlets", metadata,
    Column("outlet", Text, primary_key=True),  # "(unknown)" for documents with neither
    Column("documents", Integer, nullable=False),
    Column("claims", Integer, nullable=False),  # distinct claims with evidence in its documents
    Column("wire", Text),
)

# ---- the incremental stage's indexes (derived, rebuilt with the rest): what a new document's quotes
# and claims are looked up by, so an add regroups only what it touches (resolve.quotestage, .claimstage)
quote_shingles = Table(
    "quote_shingles", metadata,  # the posting lists of shingles not (yet) common
    Column("shingle", String(16), primary_key=True),  # groups.shingle_keys: a hash of 6 loose words
    Column("occurrence_id", String(40), primary_key=True),
    Column("doc_id", String(40), nullable=False),
    Column("start", Integer, nullable=False),
)

# shingles of more than groups.COMMON_SHINGLE occurrences: they link nothing, now or after any add, so
# their posting lists are not kept
quote_common_shingles = Table("quote_common_shingles", metadata, Column("shingle", String(16), primary_key=True))

# every piece of claim evidence whose subject resolved, as grouped: its resolved entities, its claim
# key (ckey: subject, predicate, object, value key, status) and claim, and what the role step reads
claim_index = Table(
    "claim_index", metadata,
    Column("evidence_id", String(40), primary_key=True),
    Column("doc_id", String(40), nullable=False, index=True),
    Column("claim_id", String(40), nullable=False),  # indexed with source
    Column("ckey", String(40), nullable=False, index=True),
    Column("subject", String(40), nullable=False),
    Column("predicate", String(32), nullable=False),
    Column("object", String(40)),  # after the role step
    Column("place", String(40)),
    Column("value", Text),  # after the role step
    Column("status", String(16), nullable=False),
    Column("time", String(32)),
    Column("modality", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("hold_role", String(64)),  # a holds_role evidence: its role word and (resolved) object
    Column("hold_target", String(40)),
    Column("ref_role", String(64)),  # a role phrase the role step may resolve: role word, folded country
    Column("ref_country", String(200)),
    Column("source", Text),  # its document's wire, else its outlet (None: neither), as support counts sources
    Index("ix_claim_index_spo", "subject", "predicate", "object", "modality"),
    Index("ix_claim_index_hold", "hold_role", "hold_target"),
    Index("ix_claim_index_ref", "ref_country", "ref_role"),
    Index("ix_claim_index_source", "claim_id", "source", "modality"),
)

# GPE entities by folded name, for the role step ('Iran's ambassador' -> the entity named Iran)
place_names = Table(
    "place_names", metadata,
    Column("folded", String(200), primary_key=True),
    Column("entity_id", String(40), primary_key=True, index=True),
)

# the distinct claims of each outlet's documents, so `outlets.claims` is kept by deltas
outlet_claims = Table(
    "outlet_claims", metadata,
    Column("outlet", Text, primary_key=True),
    Column("claim_id", String(40), primary_key=True, index=True),
)

copies = Table(
    "copies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_a", String(40), nullable=False, index=True),
    Column("start_a", Integer, nullable=False),
    Column("end_a", Integer, nullable=False),
    Column("doc_b", String(40), nullable=False, index=True),
    Column("start_b", Integer, nullable=False),
    Column("end_b", Integer, nullable=False),
)

# ---- the copy-detection index: kept across rebuilds, so a new document is compared against the
# stored ones through indexed LSH band keys instead of re-hashing the corpus
passages = Table(
    "passages", metadata,
    Column("doc_id", String(40), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

passage_bands = Table(
    "passage_bands", metadata,
    Column("band", String(24), nullable=False, index=True),
    Column("doc_id", String(40), nullable=False),
    Column("idx", Integer, nullable=False),
)

copy_scanned = Table("copy_scanned", metadata, Column("doc_id", String(40), primary_key=True))
# bands held by more than corroborate.copies.COMMON_BAND sentences: stock phrases, never evidence of copying
# again (a band's sentences only grow), so a new document does not read their ever longer lists
common_bands = Table("common_bands", metadata, Column("band", String(24), primary_key=True))

# documents stored but not yet in the graph, written in the document's own transaction and emptied by the
# graph stage that takes them in: an update reads the stored documents it has to add by key, however many
# writers stored them, instead of rebuilding when another writer's articles are waiting too
graph_pending = Table("graph_pending", metadata, Column("doc_id", String(40), primary_key=True))

# ---- the state of entity resolution, so a new document re-resolves only what it touches ----------
# (claimgraph.resolve.state). A node is the clusters of one label and one set of names; a component
# is the nodes that matching can join; every row here is derived and rebuilt with the rest.
res_nodes = Table(
    "res_nodes", metadata,
    Column("id", String(40), primary_key=True),
    Column("label", String(16), nullable=False),
    Column("names", Text, nullable=False),  # JSON list, sorted
    Column("n", Integer, nullable=False),
    Column("ord", String(240), nullable=False),
    Column("first", String(240), nullable=False),
    Column("totals", Text, nullable=False),  # JSON {name: mentions}
    Column("fam", String(16), nullable=False),
    Column("component", String(40), nullable=False, index=True),
    Column("block_group", String(40), nullable=False),  # its group before surnames and decisions join groups
    Column("entity_id", String(40), nullable=False, index=True),
)
res_members = Table(
    "res_members", metadata,
    Column("doc_id", String(40), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("node", String(40), nullable=False, index=True),
    Column("mentions", Integer, nullable=False),
)
res_votes = Table(
    "res_votes", metadata,
    Column("key", Text, primary_key=True),
    Column("fam", String(16), primary_key=True),
    Column("n", Integer, nullable=False),
)
res_readers = Table(  # the vote keys each node's family is read from
    "res_readers", metadata,
    Column("key", Text, primary_key=True),
    Column("node", String(40), primary_key=True, index=True),
    # the node's res_nodes.fam, kept with it: a key's readers of other families are read from the index alone;
    # NULL only in an older store's rows, until its upgrade rebuilds them
    Column("fam", String(16)),
    Index("ix_res_readers_fam", "key", "fam", "node"),
)
res_holders = Table(  # the names each node is matched by
    "res_holders", metadata,
    Column("fam", String(16), primary_key=True),
    Column("name", Text, primary_key=True),
    Column("node", String(40), primary_key=True, index=True),
    # the node's res_nodes.ord, kept with it, so a name's first holder is the first row of an index; compared
    # byte by byte, as Python orders nodes; NULL only in an older store's rows, until its upgrade rebuilds them
    Column("ord", String(240).with_variant(String(240, collation="C"), "postgresql")),
    Index("ix_res_holders_first", "fam", "name", "ord", "node"),
)
res_blocks = Table(
    "res_blocks", metadata,
    Column("fam", String(16), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("name", Text, primary_key=True),
    # the name's place in the block's sort order (resolve.entities.sort_key), compared byte by byte
    Column("sk", Text().with_variant(Text(collation="C"), "postgresql"), nullable=False),
    Index("ix_res_blocks_sk", "fam", "key", "sk"),
    Index("ix_res_blocks_name", "fam", "name"),
)
res_pairs = Table(  # every compared pair of a block, with the matcher's verdict
    "res_pairs", metadata,
    Column("fam", String(16), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("a", Text, primary_key=True),
    Column("b", Text, primary_key=True),
    Column("match", Integer, nullable=False),
    Index("ix_res_pairs_a", "fam", "a"),
    Index("ix_res_pairs_b", "fam", "b"),
)
res_surnames = Table(
    "res_surnames", metadata,
    Column("skey", Text, primary_key=True),
    Column("node", String(40), primary_key=True, index=True),
    Column("bare", Integer, nullable=False),
)
res_targets = Table(  # surname key -> the one full-name block group bearing it ('' when several), while a bare surname uses the key
    "res_targets", metadata,
    Column("skey", Text, primary_key=True),
    Column("target", String(40), nullable=False),
)
res_names = Table(  # every folded name of a node, for manual merges and splits
    "res_names", metadata,
    Column("fname", Text, primary_key=True),
    Column("node", String(40), primary_key=True, index=True),
)
res_groups = Table(  # one row per entity: what its id and its demonym link depend on
    "res_groups", metadata,
    Column("entity_id", String(40), primary_key=True),
    Column("base", Text, nullable=False),
    Column("first", String(240), nullable=False),
    Column("type", String(16), nullable=False),
    Column("pick", Text),  # the form its name is (`entities.canonical_pick`), before titles are stripped
    Column("code", String(8)),  # a GPE's country code
    Column("fname", Text),  # a GPE's folded name
    Column("dem_code", String(8)),  # a NORP's country code, by the demonym lexicon ('' when it names no coded country)
    Column("dem_stem", Text),  # a NORP's folded name, when the lexicon does not know it
    Index("ix_res_groups_base", "base", "first"),
    Index("ix_res_groups_gpe", "type", "code"),
    Index("ix_res_groups_fname", "type", "fname"),
    Index("ix_res_groups_dem_code", "dem_code"),
    Index("ix_res_groups_dem_stem", "dem_stem"),
)
res_entity_names = Table(  # per entity, what its name and type are chosen from, summed over its nodes by voted label and name
    "res_entity_names", metadata,
    Column("entity_id", String(40), primary_key=True),
    Column("name", Text, primary_key=True),
    Column("label", String(16), primary_key=True),
    Column("clusters", Integer, nullable=False),  # clusters of its nodes that have the name
    Column("mentions", Integer, nullable=False),
    Column("ord", String(240), nullable=False),  # the smallest order key of those nodes
    Column("first", String(240), nullable=False),  # and their smallest first cluster
)
ENTITY_STATE = (res_nodes, res_members, res_votes, res_readers, res_holders, res_blocks, res_pairs, res_surnames, res_targets,
                res_names, res_groups, res_entity_names)

PER_DOCUMENT = (mentions, descriptions, doc_sources, quote_occurrences, claim_evidence)
DERIVED = (entities, entity_members, entity_aliases, entity_stats, entity_links, quotes, quote_members, claims, claim_members, outlets,
           quote_shingles, quote_common_shingles, claim_index, place_names, outlet_claims, *ENTITY_STATE)

# ---- SQLite full-text search over documents (FTS5), kept in step with `documents` by triggers, so
# ingest maintains it and a search only reads. Created (and filled) by Store's schema upgrade.
SQLITE_SEARCH_NAMES = ("documents_fts", "documents_fts_ai", "documents_fts_ad", "documents_fts_au")
SQLITE_SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO documents_fts(rowid, id, title, text) SELECT d.rowid, d.id, coalesce(d.title, ''), d.text "
    "FROM documents d WHERE d.rowid NOT IN (SELECT rowid FROM documents_fts)",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, id, title, text) VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ad AFTER DELETE ON documents BEGIN "
    "DELETE FROM documents_fts WHERE rowid = old.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_au AFTER UPDATE ON documents BEGIN "
    "DELETE FROM documents_fts WHERE rowid = old.rowid; "
    "INSERT INTO documents_fts(rowid, id, title, text) VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text); END",
)
