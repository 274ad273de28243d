"""Facts stated on docs/lifecycle/backends.md, checked on the runs of every backend.

Tests that take ``run`` are run once per backend: what they assert holds on each. Tests
that compare backends take ``snippet_runs`` and read the three runs side by side.
"""

import math
import re

import pytest
from captured import number
from pages import DOCS, twins

from docexec.backends import BACKENDS, NAMES

CHOOSING = "backends/choosing.py"
SAME = "backends/same_model.py"
OPS = "backends/ops.py"
CROSS = "backends/cross_entropy.py"

PAGE = "lifecycle/backends"
CLIP = -math.log(1e-7)  # keras.config.epsilon(), the clip of probabilities


def other_than(backend: str) -> str:
    """The backend choosing.py switches to: JAX, or PyTorch when it runs on JAX."""
    return "jax" if backend != "jax" else "torch"


def all_runs(snippet_runs, rel: str) -> dict:
    """The runs of *rel* on the three backends, each one that succeeded."""
    runs = snippet_runs(rel)
    found = {}
    for backend in BACKENDS:
        result = runs.on(backend)
        if result is None:
            pytest.fail(f"{rel} has no run on {NAMES[backend]}", pytrace=False)
        if result.error is not None:
            pytest.fail(str(result.error), pytrace=False)
        found[backend] = result
    return found


def vector(pattern: str, text: str) -> list[float]:
    """The numbers inside the brackets that *pattern* (ending before "[") finds."""
    found = re.search(pattern + r"\s*\[([^\]]*)\]", text)
    assert found, f"{pattern!r} not in output:\n{text}"
    return [float(v) for v in found.group(1).split()]


# ------------------------------------------------------------------ choosing


def test_the_run_uses_the_backend_keras_backend_names(run, backend):
    result = run(CHOOSING)
    assert result.environment["backend"] == backend
    out = result.cell("Which backend").stdout
    assert f"KERAS_BACKEND: {backend}\n" in out
    assert f"keras.backend.backend(): {backend}\n" in out


def test_setting_the_variable_after_import_changes_nothing(run, backend):
    out = run(CHOOSING).cell("Too late").stdout
    other = other_than(backend)
    assert f"KERAS_BACKEND now: {other}\n" in out
    assert f"keras.backend.backend(): {backend}\n" in out  # still the first one
    pages = twins(PAGE)
    assert "after `import keras` changes the variable and nothing else" in pages["en"]
    assert "변수만 바뀔 뿐 다른 것은 그대로입니다" in pages["ko"]


def test_a_new_process_reads_keras_json_and_the_variable_wins(run, backend):
    out = run(CHOOSING).cell("A new process").stdout
    other = other_than(backend)
    assert f'keras.json says "{other}", no KERAS_BACKEND: {other}\n' in out
    assert f'keras.json says "{backend}", KERAS_BACKEND={other}: {other}\n' in out
    pages = twins(PAGE)
    assert "the file decides. The second has both, and the variable wins" in pages["en"]


# ------------------------------------------------------------------ the same model


def test_the_architecture_and_parameter_counts_are_the_same(run):
    out = run(SAME).cell("Build").stdout
    assert re.search(r"flatten \(Flatten\)\s+│ \(None, 784\)\s+│\s+0 │", out)
    assert re.search(r"dense \(Dense\)\s+│ \(None, 64\)\s+│\s+50,240 │", out)
    assert re.search(r"dense_1 \(Dense\)\s+│ \(None, 10\)\s+│\s+650 │", out)
    assert number(r"Total params: ([\d,]+)", out) == 784 * 64 + 64 + 64 * 10 + 10
    assert number(r"Non-trainable params: ([\d,]+)", out) == 0


def test_summary_prints_the_same_table_on_every_backend(snippet_runs):
    tables = {
        b: r.cell("Build").stdout for b, r in all_runs(snippet_runs, SAME).items()
    }
    assert len({table.split("\n", 1)[1] for table in tables.values()}) == 1
    pages = twins(PAGE)
    assert (
        "prints 50,890 parameters on TensorFlow, 50,890 on JAX and 50,890 on PyTorch"
        in pages["en"]
    )


def test_the_api_is_the_same_history_keys_and_a_numpy_prediction(run):
    out = run(SAME).cell("Train").stdout
    assert "History keys: ['accuracy', 'loss']" in out
    assert "predict returns: ndarray (5, 10)" in out
    assert len(re.findall(r"^32/32 - ", out, re.M)) == 3  # 2,048 images, batches of 64


def test_jit_compile_auto_resolves_per_backend(run, backend):
    out = run(SAME).cell("Train").stdout
    expected = {"tensorflow": False, "jax": True, "torch": False}[backend]
    assert f"jit_compile: {expected}\n" in out
    if backend in ("tensorflow", "jax"):  # the first epoch traces or compiles
        times = re.findall(r" - (\d+)(ms|us|µs)/step - ", out)
        first, *later = [int(v) * (1000 if unit == "ms" else 1) for v, unit in times]
        assert len(later) == 2 and all(first > 2 * ms for ms in later)


def test_the_same_seed_draws_other_weights_from_the_same_distribution(snippet_runs):
    runs = all_runs(snippet_runs, SAME)
    firsts = {}
    for backend, result in runs.items():
        out = result.cell("Initial weights").stdout
        firsts[backend] = tuple(vector(r"first four weights:", out))
        limit = number(
            r"Glorot uniform limit, sqrt\(6 / \(784 \+ 64\)\): ([\d.]+)", out
        )
        assert limit == round(math.sqrt(6 / (784 + 64)), 4)
        assert number(r"largest \|weight\|: ([\d.]+)", out) == limit
        assert all(abs(w) <= limit for w in firsts[backend])
    assert len(set(firsts.values())) == 3, firsts  # each backend its own numbers
    assert len({weights[0] for weights in firsts.values()}) == 3
    pages = twins(PAGE)
    assert (
        f"The first weight of the hidden layer is {firsts['tensorflow'][0]} on "
        "TensorFlow," in pages["en"]
    )
    assert "the largest weight in absolute value is 0.0841, the limit" in pages["en"]
    assert "JAX has no global generator" in pages["en"]
    assert "JAX에는 전역 생성기가 없습니다" in pages["ko"]


def test_training_ends_elsewhere_on_each_backend(snippet_runs):
    runs = all_runs(snippet_runs, SAME)
    losses, accuracies = {}, {}
    for backend, result in runs.items():
        out = result.cell("Train").stdout
        epochs = [float(v) for v in re.findall(r" - loss: ([\d.]+)", out)]
        assert epochs[-1] < epochs[0] / 1.5  # it learns on every backend
        losses[backend] = number(r"test loss: ([\d.]+)", out)
        accuracies[backend] = number(r"test accuracy: ([\d.]+)", out)
        assert 0.55 < losses[backend] < 0.75
        assert 0.72 < accuracies[backend] < 0.82
    assert len(set(losses.values())) == 3, losses  # other digits on each backend
    assert max(losses.values()) - min(losses.values()) < 0.1  # the same behaviour


def test_the_timed_steps_are_the_median_of_three_epochs_after_a_warm_up(run):
    out = run(SAME).cell("Speed").stdout
    each = re.search(r"^ms per step, each call: ([\d. ]+)$", out, re.M)
    assert each, out
    calls = [float(v) for v in each.group(1).split()]
    assert len(calls) == 3  # three one-epoch fit() calls of 32 batches, timed
    median = number(r"^per step: ([\d.]+) ms \(median of 3\)$", out)
    assert median == sorted(calls)[1]  # printed; never compared across backends
    pages = twins(PAGE)
    assert "runs one more epoch as a warm-up, then times 3 more" in pages["en"]
    assert "한 에포크를 예열로 더 훈련한 다음" in pages["ko"]


# ------------------------------------------------------------------ keras.ops

TENSOR_TYPES = {
    "tensorflow": "tensorflow.python.framework.ops EagerTensor",
    "jax": "jaxlib._jax ArrayImpl",
    "torch": "torch Tensor",
}
TF_LAYER = {
    "tensorflow": "builds, predicts and trains",
    "jax": "fails in building the model: AttributeError",
    "torch": "fails in fit: RuntimeError",
}


def test_a_layer_returns_a_backend_tensor_and_convert_to_numpy_an_array(run, backend):
    out = run(OPS).cell("Backend tensors").stdout
    assert f"a layer's output: {TENSOR_TYPES[backend]}\n" in out
    assert "convert_to_numpy: numpy ndarray\n" in out


def test_a_layer_written_with_tf_runs_on_tensorflow_only(run, backend):
    out = run(OPS).cell("Written with tf.").stdout
    assert f"layer with tf.: {TF_LAYER[backend]}\n" in out
    pages = twins(PAGE)
    assert "On JAX the model cannot even be built" in pages["en"]
    assert "On PyTorch the model builds and `predict` works" in pages["en"]


def test_the_keras_ops_layer_runs_everywhere_with_the_same_values(run, backend):
    out = run(OPS).cell("Written with keras.ops").stdout
    assert "layer with keras.ops: builds, predicts and trains\n" in out
    assert f"standardize() returns: {TENSOR_TYPES[backend]}\n" in out
    rows = [
        [float(v) for v in row.split()] for row in re.findall(r"\[([^\[\]]+)\]", out)
    ]
    assert len(rows) == 2 and all(len(row) == 4 for row in rows)
    for row in rows:  # standardized: mean 0, standard deviation 1
        assert abs(sum(row)) < 1e-3
        assert abs(sum(v * v for v in row) / 4 - 1) < 1e-3


def test_the_keras_ops_values_agree_across_backends(snippet_runs):
    runs = all_runs(snippet_runs, OPS)
    printed = {
        b: r.cell("Written with keras.ops").stdout.split("\n", 2)[2]
        for b, r in runs.items()
    }
    assert len(set(printed.values())) == 1, printed


# ------------------------------------------------------------------ cross-entropy


def losses_of(out: str) -> tuple[float, float]:
    return (
        number(r"categorical_crossentropy \(one-hot label\): ([\d.]+)", out),
        number(r"sparse_categorical_crossentropy \(integer label\): ([\d.]+)", out),
    )


def test_a_softmax_output_is_exact_on_tensorflow_and_clipped_elsewhere(run, backend):
    out = run(CROSS).cell("A confident mistake").stdout
    assert number(r"p\(class 0\): ([\d.e+-]+)", out) < 1e-7
    assert number(r"-ln\(epsilon\) = -ln\(1e-07\) = ([\d.]+)", out) == round(CLIP, 4)
    one_hot, integer = losses_of(out)
    assert one_hot == integer  # categorical and sparse alike on each backend
    if backend == "tensorflow":
        assert one_hot == pytest.approx(100.0, abs=1e-3)  # from the logits
    else:
        assert one_hot == pytest.approx(CLIP, abs=1e-3)  # -ln of the clip


def test_the_page_quotes_each_backends_cross_entropy():
    pages = twins(PAGE)
    assert (
        "TensorFlow reports it: 100.00 with one-hot labels and 100.00 with integer "
        "labels. JAX reports 16.12 and 16.12, PyTorch 16.12 and 16.12" in pages["en"]
    )
    assert "no loss exceeds 16.12" in pages["en"]
    assert "JAX는 16.12와 16.12, PyTorch는 16.12와 16.12를 돌려줍니다" in pages["ko"]


def test_a_clipped_loss_teaches_nothing(run, backend):
    out = run(CROSS).cell("One training step").stdout
    scores = vector(r"scores after one SGD step:", out)
    after = number(r"loss after one step: ([\d.]+)", out)
    if backend == "tensorflow":
        assert scores == [0.2, 99.8, 0.0]  # kernel and bias each moved by 0.1
        assert after == pytest.approx(99.6, abs=1e-3)
    else:
        assert scores == [0.0, 100.0, 0.0]  # the gradient was 0
        assert after == pytest.approx(CLIP, abs=1e-3)
    pages = twins(PAGE)
    assert "one step of SGD leaves its scores where they were" in pages["en"]


def test_from_logits_gives_the_exact_loss_and_step_everywhere(run):
    out = run(CROSS).cell("From logits").stdout
    assert number(r"linear output, from_logits=True: ([\d.]+)", out) == pytest.approx(
        100.0, abs=1e-3
    )
    assert vector(r"scores after one SGD step:", out) == [0.2, 99.8, 0.0]
    after = number(r"loss after one step: ([\d.]+)", out)
    assert after == pytest.approx(99.6, abs=1e-3)
    pages = twins(PAGE)
    assert (
        "every backend gives the exact loss 100.00 (JAX 100.00, PyTorch 100.00)"
        in (pages["en"])
    )


def test_the_output_layers_page_links_to_the_cross_entropy_section():
    target = "../lifecycle/backends.md#the-cross-entropy-of-a-softmax-output"
    for suffix in (".md", ".ko.md"):
        text = (DOCS / "layers" / f"output-layers{suffix}").read_text(encoding="utf-8")
        assert f"]({target})" in text, suffix
