"""Hypothesis strategies for whole programs: Keras 1 scripts, and look-alikes without Keras.

`keras1_programs()` draws a module that imports Keras 1 in one of its spellings (names,
aliases, star, submodules, `from keras import layers`, `import keras`, `import keras.layers as
KL`) and then builds models: layer calls with Keras 1 arguments bound positionally or by
keyword as the Keras 1.2.2 signatures allow, merge() with every mode (string, lambda, named
function, variable), Merge layers, Model(input=, output=), fit/fit_generator, K.concatenate
with `_keras_shape` patches, inside functions, a Layer subclass's call, comprehensions,
lambdas, loops, and in every place Python allows an expression (walrus, annotations,
decorators, defaults, f-strings, ...), with arguments on one line or one a line between
comments; plus code that is not Keras (numpy, a user's own `merge` and `Trainer`), whose
lines carry KEEP and must come out unchanged.

`plain_programs()` draws the same shapes where every name is the user's own (their `merge`,
`Dense`, `Model`, `K` = numpy); "keras" appears in comments and perhaps an unused import: the
migration has to leave them byte-identical.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass

from hypothesis import strategies as st

from codemods.data.signatures import K1_SIGNATURES

LAYERS = {  # class -> Keras 1.2.2 submodule of keras.layers
    "Dense": "core",
    "Dropout": "core",
    "Activation": "core",
    "Flatten": "core",
    "Lambda": "core",
    "Convolution1D": "convolutional",
    "Convolution2D": "convolutional",
    "MaxPooling2D": "pooling",
    "AveragePooling2D": "pooling",
    "LSTM": "recurrent",
    "GRU": "recurrent",
    "SimpleRNN": "recurrent",
    "Embedding": "embeddings",
    "BatchNormalization": "normalization",
}
CALLED_LAYERS = [n for n in LAYERS if n not in ("Lambda", "Flatten")] + ["Flatten"]
MERGE_MODES = ["sum", "mul", "concat", "ave", "cos", "dot", "max"]
TENSORS = ["x", "y", "h", "a", "b", "inp", "out", "left", "right", "z"]
INPUT_ONLY = ["x", "a", "b", "inp"]  # names the programs define first
STABLE = ["in1", "in2"]  # Inputs that nothing assigns again

KEEP = "  # keep"  # marks a line the migration must leave exactly as it is

ints = st.integers(1, 64).map(str)
small = st.integers(1, 5).map(str)
floats = st.sampled_from(["0.", "0.1", "0.25", "0.5", "1e-3"])
bools = st.sampled_from(["True", "False"])
nothing = st.just("None")
shape2 = st.sampled_from(["(1, 1)", "(2, 2)", "(3, 3)", "[2, 2]"])


def strings(*values: str):
    return st.sampled_from([repr(v) for v in values])


VALUES = {  # Keras 1 parameter -> strategy of source text
    "output_dim": ints | st.just("n_units"),
    "nb_filter": ints,
    "nb_row": small,
    "nb_col": small,
    "filter_length": small,
    "init": strings("glorot_uniform", "he_normal", "uniform", "zero"),
    "inner_init": strings("orthogonal", "glorot_uniform"),
    "forget_bias_init": strings("one", "zero"),
    "activation": strings("relu", "tanh", "sigmoid", "linear", "softmax") | st.just("act"),
    "inner_activation": strings("hard_sigmoid", "sigmoid"),
    "weights": nothing | st.just("pretrained"),
    "border_mode": strings("same", "valid"),
    "subsample": shape2,
    "subsample_length": small,
    "dim_ordering": strings("th", "tf", "default"),
    "W_regularizer": nothing | st.just("reg"),
    "b_regularizer": nothing | st.just("reg"),
    "U_regularizer": nothing | st.just("reg"),
    "activity_regularizer": nothing,
    "W_constraint": nothing | st.just("constraint"),
    "b_constraint": nothing,
    "bias": bools,
    "input_dim": ints,
    "input_length": ints,
    "dropout_W": floats,
    "dropout_U": floats,
    "p": floats,
    "noise_shape": nothing,
    "seed": ints,
    "pool_size": shape2,
    "strides": nothing | shape2,
    "epsilon": floats,
    "mode": st.sampled_from(["0", "1", "2"]),
    "axis": st.sampled_from(["-1", "1", "3"]),
    "momentum": st.sampled_from(["0.99", "0.9"]),
    "beta_init": strings("zero"),
    "gamma_init": strings("one"),
    "gamma_regularizer": nothing,
    "beta_regularizer": nothing,
    "mask_zero": bools,
    "dropout": floats,
    "function": st.sampled_from(["lambda t: t * 2", "double", "lambda t: K.exp(t)"]),
    "output_shape": st.sampled_from(["(8,)", "lambda s: s", "None"]),
    "arguments": st.sampled_from(["{'n': 2}", "None"]),
}
EXTRA_KEYWORDS = {  # **kwargs every layer takes, and the recurrent base class's
    "name": strings("dense_1", "conv", "enc"),
    "input_shape": st.sampled_from(["(3, 32, 32)", "(32, 32, 3)", "(10,)", "(None, 8)"]),
    "trainable": bools,
    "return_sequences": bools,
    "go_backwards": bools,
    "stateful": bools,
    "consume_less": strings("cpu", "mem", "gpu"),
    "unroll": bools,
}
RECURRENT = {"LSTM", "GRU", "SimpleRNN"}


@dataclass(frozen=True)
class Names:
    """How the program spells each API name, and the import lines that make it so."""

    refs: dict[str, str]  # "Dense", "merge", "Merge", "Input", "Layer", "Model", ... -> text
    header: tuple[str, ...]
    keras: bool = True  # False: the user's own look-alikes

    def __call__(self, name: str) -> str:
        return self.refs[name]


def _layer_names() -> list[str]:
    return [*LAYERS, "merge", "Merge", "Input", "Layer"]


@st.composite
def keras_names(draw) -> Names:
    style = draw(
        st.sampled_from(["names", "aliases", "star", "submodules", "layers", "keras", "KL"])
    )
    names = _layer_names()
    refs: dict[str, str] = {}
    header: list[str] = []
    if style in ("names", "aliases"):
        aliases = {}
        for n in names:
            alias = draw(st.sampled_from([None, f"K1{n}", "m"])) if style == "aliases" else None
            if alias == "m" and "m" in aliases.values():
                alias = None
            aliases[n] = alias
            refs[n] = alias or n
        parts = [f"{n} as {a}" if a else n for n, a in aliases.items()]
        header.append(f"from keras.layers import ({', '.join(parts)})")
    elif style == "star":
        header.append("from keras.layers import *")
        refs.update({n: n for n in names})
    elif style == "submodules":
        by_module: dict[str, list[str]] = {}
        for n, module in LAYERS.items():
            by_module.setdefault(module, []).append(n)
        for module, members in by_module.items():
            header.append(f"from keras.layers.{module} import {', '.join(members)}")
        header.append("from keras.engine.topology import Layer, Input, merge")
        header.append("from keras.layers.core import Merge")
        refs.update({n: n for n in names})
    elif style == "layers":
        header.append("from keras import layers")
        refs.update({n: f"layers.{n}" for n in names})
    elif style == "keras":
        header.append("import keras")
        refs.update({n: f"keras.layers.{n}" for n in names})
    else:
        header.append("import keras.layers as KL")
        refs.update({n: f"KL.{n}" for n in names})

    models = draw(st.sampled_from(["names", "module", "keras"]))
    if models == "names":
        header.append("from keras.models import Model, Sequential")
        refs.update(Model="Model", Sequential="Sequential")
    elif models == "module":
        header.append("from keras import models")
        refs.update(Model="models.Model", Sequential="models.Sequential")
    else:
        header.append("import keras.models")
        refs.update(Model="keras.models.Model", Sequential="keras.models.Sequential")

    backend = draw(st.sampled_from(["from", "import", "keras", "assign"]))
    header.append(
        {
            "from": "from keras import backend as K",
            "import": "import keras.backend as K",
            "keras": "import keras",
            "assign": "import keras\nK = keras.backend",
        }[backend]
    )
    refs["K"] = "keras.backend" if backend == "keras" else "K"
    if draw(st.booleans()):
        header.append("import numpy as np")
    refs["np"] = "np"
    return Names(refs, tuple(dict.fromkeys(header)))


@st.composite
def plain_names(draw) -> Names:
    """A user's own look-alikes: nothing here comes from Keras, though the file may import it."""
    refs = {n: n for n in _layer_names()}
    refs.update(Model="Model", Sequential="Sequential", K="K", np="np")
    header = ["import numpy as np", "import numpy as K  # keras-style alias"]
    if draw(st.booleans()):
        header.append(draw(st.sampled_from(["import keras", "import keras.backend"])))
    return Names(refs, tuple(header), False)


PLAIN_PRELUDE = '''\
"""Toy graph library with a keras-like API (no keras here)."""


class Layer:
    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs

    def __call__(self, x):
        return x


Dense = Dropout = Activation = Flatten = Lambda = Convolution1D = Convolution2D = Layer
MaxPooling2D = AveragePooling2D = LSTM = GRU = SimpleRNN = Embedding = Layer
BatchNormalization = Merge = Layer


def merge(inputs, mode="sum", concat_axis=-1, **kwargs):
    return sum(inputs)


def Input(shape=None, **kwargs):
    return np.zeros(shape or (1,))


class Model:
    def __init__(self, input=None, output=None, name=None):
        self.input, self.output = input, output

    def fit(self, *args, nb_epoch=1, **kwargs):
        return {"acc": [nb_epoch]}

    fit_generator = evaluate = predict = add = compile = fit


Sequential = Model
'''


# arguments ---------------------------------------------------------------------------------


@st.composite
def arguments(draw, params: tuple[str, ...], values: dict, required: int = 0, extra=()) -> str:
    """A call's argument list: some of `params` (the first `required` always), the leading
    ones positional up to a point, the rest as keywords in any order; then `extra` keywords."""
    chosen = [
        p for i, p in enumerate(params) if p in values and (i < required or draw(st.booleans()))
    ]
    leading = 0
    while leading < len(chosen) and chosen[leading] == params[leading]:
        leading += 1
    positional = draw(st.integers(0, leading))
    texts = {p: draw(values[p]) for p in chosen}
    kw = chosen[positional:]
    kw += [k for k in extra if k not in kw and draw(st.integers(0, 3)) == 0]
    texts.update({k: draw(EXTRA_KEYWORDS[k]) for k in kw if k not in texts})
    kw = draw(st.permutations(kw))
    parts = [texts[p] for p in chosen[:positional]] + [f"{k}={texts[k]}" for k in kw]
    if draw(st.integers(0, 9)) == 0:
        parts.append(draw(st.sampled_from(["**options", "*more"])) if not kw else "**options")
    return draw(layout(parts))


@st.composite
def layout(draw, parts: list[str]) -> str:
    """An argument list on one line, with a trailing comma, or one argument a line with
    comments between them."""
    style = draw(st.sampled_from(["line", "line", "line", "trailing", "lines"]))
    if not parts or style == "line":
        return ", ".join(parts)
    if style == "trailing":
        return ", ".join(parts) + ","
    comments = st.sampled_from(["", "", "  # tuned by hand", "  # see paper"])
    lines = []
    for part in parts:
        if draw(st.integers(0, 5)) == 0:
            lines.append("    # next argument")
        lines.append(f"    {part},{draw(comments)}")
    return "\n" + "\n".join(lines) + "\n"


@st.composite
def layer_expr(draw, names: Names, layer: str | None = None) -> str:
    layer = layer or draw(st.sampled_from(CALLED_LAYERS))
    params = K1_SIGNATURES[f"keras.layers.{layer}"]
    required = {"Convolution2D": 3, "Convolution1D": 2, "Embedding": 2, "Lambda": 1}.get(
        layer, 1 if params and params[0] in ("output_dim", "activation") else 0
    )
    extra = ["name", "input_shape", "trainable"]
    if layer in RECURRENT:
        extra += ["return_sequences", "go_backwards", "stateful", "consume_less", "unroll"]
    return f"{names(layer)}({draw(arguments(params, VALUES, required, extra))})"


# merges ------------------------------------------------------------------------------------


@st.composite
def merge_mode(draw) -> str:
    kind = draw(st.sampled_from(["string", "string", "lambda", "function", "variable"]))
    if kind == "string":
        return repr(draw(st.sampled_from(MERGE_MODES)))
    if kind == "lambda":
        return draw(st.sampled_from(["lambda t: t[0] - t[1]", "lambda ts: K.abs(ts[0] - ts[1])"]))
    if kind == "function":
        return draw(st.sampled_from(["diff", "weighted"]))
    return "chosen_mode"


def tensor_list(draw, pool=TENSORS) -> str:
    items = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
    return f"[{', '.join(items)}]"


def concat_operands(draw) -> str:
    return tensor_list(draw, TENSORS + STABLE)


@st.composite
def merge_expr(draw, names: Names) -> str:
    mode = draw(merge_mode())
    values = {
        "inputs": st.just(tensor_list(draw)),
        "mode": st.just(mode),
        "concat_axis": st.sampled_from(["-1", "1", "2"]),
        "dot_axes": st.sampled_from(["1", "-1", "(1, 1)", "[2, 2]"]),
        "output_shape": st.sampled_from(["(16,)", "lambda s: s[0]", "shape_of"]),
        "output_mask": st.sampled_from(["None", "lambda m: m[0]"]),
        "arguments": st.sampled_from(["{'alpha': 0.3}"]),
        "name": strings("merged", "m1"),
    }
    params = K1_SIGNATURES["keras.layers.merge"]
    return f"{names('merge')}({draw(arguments(params, values, required=1))})"


@st.composite
def merge_layer_expr(draw, names: Names) -> str:
    """Merge(...) as a layer: called on tensors, or built over layers/models."""
    mode = draw(merge_mode())
    values = {
        "layers": st.sampled_from(["[left, right]", "[encoder, decoder]"]),
        "mode": st.just(mode),
        "concat_axis": st.sampled_from(["-1", "1"]),
        "dot_axes": st.sampled_from(["1", "(1, 1)"]),
        "output_shape": st.sampled_from(["(16,)", "lambda s: s[0]"]),
        "name": strings("merge_layer"),
    }
    params = K1_SIGNATURES["keras.layers.Merge"]
    if draw(st.booleans()):
        params = params[1:]  # Merge(mode=...)([a, b])
        args = draw(arguments(params, values))
        return f"{names('Merge')}({args})({tensor_list(draw)})"
    return f"{names('Merge')}({draw(arguments(params, values, required=1))})"


# statements --------------------------------------------------------------------------------


def target(draw) -> str:
    return draw(st.sampled_from(TENSORS))


@st.composite
def model_statements(draw, names: Names) -> list[str]:
    var = draw(st.sampled_from(["model", "net", "m"]))
    inputs = draw(st.sampled_from(["inp", "[a, b]", "x"]))
    outputs = draw(st.sampled_from(["out", "[out, h]", "y"]))
    kind = draw(st.sampled_from(["keywords", "positional", "mixed", "sequential"]))
    if kind == "keywords":
        make = f"{names('Model')}(input={inputs}, output={outputs})"
    elif kind == "positional":
        make = f"{names('Model')}({inputs}, {outputs})"
    elif kind == "mixed":
        make = f"{names('Model')}({inputs}, output={outputs}, name='net')"
    else:
        make = f"{names('Sequential')}()"
    lines = [f"{var} = {make}"]
    if kind == "sequential":
        for _ in range(draw(st.integers(0, 2))):
            lines.append(f"{var}.add({draw(layer_expr(names))})")
        if draw(st.booleans()):
            lines.append(f"{var}.add({draw(merge_layer_expr(names))})")
    lines.append(f"{var}.compile(optimizer='adam', loss='mse', metrics=['accuracy'])")
    for _ in range(draw(st.integers(0, 2))):
        lines.append(draw(training_call(var)))
    return lines


@st.composite
def training_call(draw, var: str) -> str:
    method = draw(st.sampled_from(["fit", "fit_generator", "evaluate_generator", "predict"]))
    values = {
        "x": st.just("X"),
        "y": st.just("Y"),
        "batch_size": st.sampled_from(["32", "16"]),
        "nb_epoch": st.sampled_from(["10", "epochs_", "1"]),
        "verbose": st.sampled_from(["0", "1", "2"]),
        "callbacks": st.just("[]"),
        "validation_split": st.just("0.1"),
        "validation_data": st.sampled_from(["(Xv, Yv)", "val_gen"]),
        "shuffle": bools,
        "initial_epoch": st.just("0"),
        "generator": st.just("gen"),
        "samples_per_epoch": st.sampled_from(["1000", "len(X)", "n_samples"]),
        "nb_val_samples": st.sampled_from(["100", "n_val"]),
        "val_samples": st.sampled_from(["100", "n_val"]),
        "max_q_size": st.just("10"),
        "nb_worker": st.just("2"),
        "pickle_safe": bools,
    }
    params = K1_SIGNATURES[f"keras.models.Model.{method}"]
    required = {"fit": 1, "fit_generator": 3, "evaluate_generator": 2, "predict": 1}[method]
    call = f"{var}.{method}({draw(arguments(params, values, required))})"
    if method == "fit" and draw(st.booleans()):
        return f"history = {call}\nprint(history.history['acc'])"
    return call


@st.composite
def concat_statements(draw, names: Names) -> list[str]:
    var = target(draw)
    axis = draw(st.sampled_from(["", ", axis=-1", ", axis=1", ", -1"]))
    lines = [f"{var} = {names('K')}.concatenate({concat_operands(draw)}{axis})"]
    if names.keras and draw(st.booleans()):  # a Keras internal: not in Keras-free code
        lines.append(f"{var}._keras_shape = (None, {draw(ints)})")
    if draw(st.booleans()):
        lines.append(f"{target(draw)} = {draw(layer_expr(names, 'Dense'))}({var})")
    return lines


@st.composite
def plain_statements(draw, names: Names) -> list[str]:
    """Code that is not Keras: numpy, loops, a settings dict, a user's own `merge`."""
    choice = draw(st.sampled_from(range(7)))
    np = names("np")
    if choice == 0:
        lines = [f"data = {np}.zeros(({draw(ints)}, {draw(ints)}))", "data = data.mean(axis=0)"]
    elif choice == 1:
        lines = ["total = 0", "for i in range(3):", "    total += i"]
    elif choice == 2:
        lines = [f"print('shape', {target(draw)})"]
    elif choice == 3:
        lines = ["config = {'merge': 'sum', 'nb_epoch': 3, 'output_dim': 8}"]
    elif choice == 4:
        lines = ["stats = [v * 2 for v in range(4) if v]"]
    elif choice == 5:
        lines = [
            "class Trainer:",
            "    def fit(self, X, y, nb_epoch=1, samples_per_epoch=None):",
            "        return nb_epoch",
            "",
            "    def compile(self, metrics=()):",
            "        self.metrics = metrics",
            "",
            "trainer = Trainer()",
            "trainer.compile(metrics=['accuracy'])",
            "trainer.fit(X, Y, nb_epoch=3, samples_per_epoch=10)",
        ]
    else:
        mode = repr(draw(st.sampled_from(MERGE_MODES)))
        lines = [
            "def combine(p, q):",
            "    def merge(items, mode=None, concat_axis=0):",
            f"        return {np}.concatenate(items, axis=concat_axis)",
            f"    return merge([p, q], mode={mode}, concat_axis=1)",
        ]
    return [line + KEEP for line in lines]


@st.composite
def keras_expr(draw, names: Names) -> str:
    kind = draw(st.sampled_from(["layer", "layer", "merge", "merge", "mergelayer", "concat"]))
    if kind == "layer":
        return f"{draw(layer_expr(names))}({target(draw)})"
    if kind == "merge":
        return draw(merge_expr(names))
    if kind == "mergelayer":
        return draw(merge_layer_expr(names))
    return f"{names('K')}.concatenate({concat_operands(draw)}, axis=-1)"


@st.composite
def in_context(draw, expr: str) -> list[str]:
    """An expression where Python allows one: assignments of every kind, arguments, returns,
    conditions, f-strings, decorators, defaults, class attributes."""
    var = target(draw)
    contexts = [
        f"{var} = {expr}",
        f"{var}: object = {expr}",
        f"({var} := {expr})",
        f"{var}, other = {expr}, None",
        f"{var} = [{expr}][0]",
        f"outputs.append({expr})",
        f"{var} = {expr} if use_merge else {var}",
        f"{var} = {expr}; count = 1",
        f"if use_merge: {var} = {expr}",
        f"cfg = {{'layer': {expr}, 'n': 1}}",
        f"build = lambda: {expr}",
        f"assert {expr} is not None",
        f"def make_{var}():\n    return {expr}",
        f"def gen_{var}():\n    yield {expr}",
        f"def default_{var}(layer={expr}):\n    return layer",
        f"@register({expr})\ndef decorated_{var}():\n    pass",
        f"class Net_{var}:\n    part = {expr}",
        f"try:\n    {var} = {expr}\nexcept ValueError:\n    {var} = None\nfinally:\n    done = True",
        f"with scope('block') as s:\n    {var} = {expr}",
        f"while not ready:\n    {var} = {expr}\n    break",
    ]
    if "\n" not in expr:
        contexts.append(f'print(f"{{{expr}!r:>10}}")')
    return draw(st.sampled_from(contexts)).split("\n")


@st.composite
def simple_statements(draw, names: Names) -> list[str]:
    kind = draw(st.sampled_from(["layer", "expr", "expr", "expr", "concat", "plain"]))
    var = target(draw)
    if kind == "layer":
        return [f"layer_{var} = {draw(layer_expr(names))}", f"{var} = layer_{var}({target(draw)})"]
    if kind == "expr":
        return draw(in_context(draw(keras_expr(names))))
    if kind == "concat":
        return draw(concat_statements(names))
    return draw(plain_statements(names))


def indent(lines: list[str], by: str = "    ") -> list[str]:
    return [by + line if line else line for text in lines for line in text.split("\n")]


@st.composite
def blocks(draw, names: Names, depth: int = 0) -> list[str]:
    """A few statements, perhaps wrapped in a function, loop, class or comprehension."""
    body = [s for _ in range(draw(st.integers(1, 3))) for s in draw(simple_statements(names))]
    wrap = draw(
        st.sampled_from(["none", "none", "function", "loop", "if", "class", "comprehension"])
        if depth < 2
        else st.just("none")
    )
    if wrap == "function":
        inner = draw(blocks(names, depth + 1)) + body
        name = draw(st.sampled_from(["build", "encoder", "make_branch"]))
        return [f"def {name}(x, a, b, n_units=32):", *indent(inner), f"    return {target(draw)}"]
    if wrap == "loop":
        return ["for i in range(3):", *indent(body)]
    if wrap == "if":
        return ["if use_merge:", *indent(body), "else:", *indent(draw(plain_statements(names)))]
    if wrap == "class":
        return draw(layer_class(names))
    if wrap == "comprehension":
        layer = draw(layer_expr(names, draw(st.sampled_from(["Dense", "Dropout", "LSTM"]))))
        merged = draw(merge_expr(names))
        return [
            f"branches = [{layer}(t) for t in (a, b)]",
            f"pairs = {{k: {merged} for k in range(2)}}",
        ]
    return body


@st.composite
def layer_class(draw, names: Names) -> list[str]:
    """A Keras 1 custom layer: merge and concatenate on raw tensors inside call."""
    k = names("K")
    mode = repr(draw(st.sampled_from(MERGE_MODES)))
    call_body = draw(
        st.sampled_from(
            [
                [f"return {names('merge')}([x, x], mode={mode})"],
                [f"y = {k}.concatenate([x, x], axis=-1)", "y._keras_shape = (None, 8)", "return y"]
                if names.keras
                else [f"return {k}.concatenate([x, x], axis=-1)"],
                [f"return {k}.dot(x, self.W)"],
            ]
        )
    )
    return [
        f"class Pair({names('Layer')}):",
        "    def __init__(self, output_dim, **kwargs):",
        "        self.output_dim = output_dim",
        "        super(Pair, self).__init__(**kwargs)",
        "",
        "    def call(self, x, mask=None):",
        *indent(call_body, "        "),
        "",
        "    def get_output_shape_for(self, input_shape):",
        "        return (input_shape[0], self.output_dim)",
    ]


HELPERS = [  # merge modes, a Lambda function, an output shape: the user's own code
    "def diff(tensors):" + KEEP,
    "    return tensors[0] - tensors[1]" + KEEP,
    "",
    "def weighted(tensors, alpha=0.5):" + KEEP,
    "    return alpha * tensors[0] + (1 - alpha) * tensors[1]" + KEEP,
    "",
    "def double(t, n=2):" + KEEP,
    "    return t * n" + KEEP,
    "",
    "def shape_of(shapes):" + KEEP,
    "    return shapes[0]" + KEEP,
    "",
    "chosen_mode = 'concat'" + KEEP,
    "n_units = 32" + KEEP,
]


@st.composite
def _program(draw, names: Names, prelude: str, models: bool) -> str:
    lines = [prelude, *names.header, "", *HELPERS]
    if draw(st.booleans()):
        lines += ["", "def merge_lists(a, b):  # the user's own helper", "    return a + b"]
    inputs = [f"{v} = {names('Input')}(shape=({draw(ints)},))" for v in INPUT_ONLY + STABLE]
    lines += ["", *inputs]
    for _ in range(draw(st.integers(1, 4))):
        lines += ["", *draw(blocks(names))]
    if draw(st.booleans()):
        mode = repr(draw(st.sampled_from(MERGE_MODES)))
        lines.append(f"f = lambda t: {names('merge')}([t, t], mode={mode})")
        lines.append(
            f"g = {names('Lambda')}(lambda t: {names('K')}.concatenate([t, t]), output_shape=(16,))"
        )
    if models:
        lines += ["", *draw(model_statements(names))]
    return "\n".join(lines).strip("\n") + "\n"


@st.composite
def keras1_programs(draw, models: bool = True) -> str:
    """models=False leaves out Model/Sequential and training calls (to look past their bugs)."""
    names = draw(keras_names())
    docstring = draw(st.sampled_from(['"""Keras 1 model."""\n', "# -*- coding: utf-8 -*-\n", ""]))
    return draw(_program(names, docstring, models))


@st.composite
def plain_programs(draw, models: bool = True) -> str:
    return draw(_program(draw(plain_names()), PLAIN_PRELUDE, models))


assert not any(keyword.iskeyword(t) for t in TENSORS)
