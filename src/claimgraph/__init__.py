"""claimgraph: news articles in, an evidence-backed knowledge graph out."""

__version__ = "0.1.0"
EXTRACTOR = f"claimgraph {__version__}"
