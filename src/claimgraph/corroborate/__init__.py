"""corroborate: copied passages between documents, and per-claim support that counts independent
sources rather than documents."""

from .copies import find_copies, update_copies
from .support import CopyIndex, support

__all__ = ["CopyIndex", "find_copies", "support", "update_copies"]
