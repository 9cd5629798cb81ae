"""Runtime equivalence: a Keras 1 model under real Keras 1.2.2 against its migration under
real keras 2.15 (see harness.check_equivalence)."""

from .compare import Verdict
from .harness import check_equivalence

__all__ = ["Verdict", "check_equivalence"]
