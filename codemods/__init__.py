"""The built-in passes, in the order the engine runs them on each node."""

from .backend_concat import BackendConcatPass
from .layers import LayersPass
from .merge import MergePass

PASSES = [LayersPass, MergePass, BackendConcatPass]
