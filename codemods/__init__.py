"""The built-in passes, in the order the engine runs them on each node."""

from .backend import BackendPass
from .backend_concat import BackendConcatPass
from .custom_layers import CustomLayersPass
from .layers import LayersPass
from .merge import MergePass
from .modules import ModulesPass
from .optimizers import OptimizersPass
from .py2_syntax import Py2SyntaxPass
from .sequential import SequentialPass
from .subclasses import SubclassesPass
from .training import TrainingPass
from .utilities import UtilitiesPass

PASSES = [
    Py2SyntaxPass,
    ModulesPass,
    LayersPass,
    MergePass,
    BackendConcatPass,
    BackendPass,
    TrainingPass,
    UtilitiesPass,
    OptimizersPass,
    SequentialPass,
    CustomLayersPass,
    SubclassesPass,
]
