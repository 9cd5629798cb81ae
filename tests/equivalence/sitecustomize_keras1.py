"""Python 3.11 shims for Keras 1.2.2 + Theano 1.0.5, installed as sitecustomize.py.

Copied into the site-packages of the Keras 1 environment, so it runs before Keras.
"""

import collections
import collections.abc
import inspect
import sys

# Keras 1 calls inspect.getargspec (removed in 3.11) in Lambda, Merge and the backend.
if not hasattr(inspect, "getargspec"):
    ArgSpec = collections.namedtuple("ArgSpec", "args varargs keywords defaults")

    def getargspec(func):
        spec = inspect.getfullargspec(func)
        return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)

    inspect.getargspec = getargspec

# keras/callbacks.py imports an ABC alias that left the collections module in 3.10.
for _name in ("Iterable", "Mapping", "MutableMapping", "Sequence", "Callable", "Hashable"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

# Theano's compiled scan does not build against 3.11 headers; a None entry makes the
# import fail fast so Theano falls back to its pure-Python scan.
sys.modules.setdefault("theano.scan_module.scan_perform_ext", None)
