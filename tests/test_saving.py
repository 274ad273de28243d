"""Facts stated on docs/lifecycle/saving.md, checked on the captured runs it shows."""

import importlib.util
import re
from pathlib import Path

from captured import number, numbers
from pages import twins

WHOLE = "saving/whole_model.py"
WEIGHTS = "saving/weights.py"
CHECKPOINT = "saving/checkpoint.py"
CUSTOM = "saving/custom_objects.py"
EXPORT = "saving/export.py"
TFSM = "saving/tfsm_layer.py"


def stderr(cell) -> str:
    return "".join(o.text for o in cell.outputs if o.kind == "stderr")


def epoch_losses(text: str) -> list[float]:
    return [float(v) for v in re.findall(r" - loss: ([\d.]+)", text)]


def test_reloaded_model_predicts_exactly_the_same(run):
    out = run(WHOLE).cell("Save and load").stdout
    assert "predictions: (1000, 10)" in out
    assert number(r"^max absolute difference: ([\d.e-]+)$", out) == 0.0
    assert "np.array_equal: True" in out
    pages = twins("lifecycle/saving")
    assert "predictions on 1,000 test images is 0.0, and" in pages["en"]
    assert "가장 큰 것도 0.0이고" in pages["ko"]


def test_the_keras_file_is_a_zip_of_config_weights_and_metadata(run):
    result = run(WHOLE)
    out = result.cell("Inside the file").stdout
    assert "members: ['config.json', 'metadata.json', 'model.weights.h5']" in out
    assert "model class: Sequential" in out
    assert "layers: ['InputLayer', 'Flatten', 'Dense', 'Dense']" in out
    assert "optimizer: Adam, learning_rate: 0.001" in out  # the compile settings
    assert "loss: sparse_categorical_crossentropy  metrics: ['accuracy']" in out
    keras_version = result.environment["keras"]
    assert f"saved with Keras {keras_version}" in out
    assert "groups in model.weights.h5: ['layers', 'optimizer', 'vars']" in out
    # Adam: iterations, learning rate, and two moments for 2 kernels and 2 biases
    assert number(r"optimizer variables stored: (\d+)", out) == 2 + 2 * 4
    pages = twins("lifecycle/saving")
    assert "weight tensors, 10 in all. This is the" in pages["en"]
    assert "모두 10개입니다" in pages["ko"]


def test_training_resumes_with_the_optimizer_state(run):
    result = run(WHOLE)
    steps = re.findall(r"^(\d+)/\1 - ", result.cell("Train").stdout, re.M)
    assert len(steps) == 3  # 3 epochs
    out = result.cell("Resume training").stdout
    saved, reloaded = numbers(r"iterations: saved (\d+), reloaded (\d+)", out)
    assert saved == reloaded == 3 * int(steps[0])  # 3 epochs of 47 steps
    original = number(r"epoch 4, original model: loss ([\d.]+)", out)
    again = number(r"epoch 4, reloaded model: loss ([\d.]+)", out)
    assert original == again
    assert "same loss: True" in out
    last = epoch_losses(result.cell("Train").stdout)[-1]
    assert original < last  # the fourth epoch goes on improving
    pages = twins("lifecycle/saving")
    assert f"same {reloaded:.0f} updates (3 epochs of {steps[0]} steps)" in pages["en"]


def test_weights_only_restore_predictions_but_not_a_fresh_optimizer(run):
    result = run(WEIGHTS)
    cell = result.cell("Save and load weights")
    assert number(r"^max absolute difference: ([\d.e-]+)$", cell.stdout) == 0.0
    trained, fresh = numbers(r"trained model (\d+), fresh model (\d+)", cell.stdout)
    assert trained == 141 and fresh == 0
    warning = stderr(cell)
    assert "UserWarning: Skipping variable loading for optimizer" in warning
    assert "because it has 2 variables whereas the saved optimizer has 10" in warning
    built = result.cell("Optimizer built first").stdout
    assert number(r"iterations after loading: (\d+)", built) == trained
    on = result.cell("Training on").stdout
    losses = {
        name: float(loss)
        for name, loss in re.findall(r"epoch 4, (\w+) model: loss ([\d.]+)", on)
    }
    assert losses["resumable"] == losses["trained"]
    assert losses["fresh"] != losses["trained"]
    # the same training run as whole_model.py: the same continued loss
    whole = run(WHOLE).cell("Resume training").stdout
    assert losses["trained"] == number(r"original model: loss ([\d.]+)", whole)


def test_weights_file_name_must_end_in_weights_h5(run):
    out = run(WEIGHTS).cell("Wrong file name").stdout
    assert (
        "ValueError: The filename must end in `.weights.h5`. "
        "Received: filepath=fashion.h5" in out
    )


def best_epoch(log: str) -> tuple[list[float], int]:
    """The val_loss of each epoch in a training log, and the epoch of the lowest."""
    val_losses = [float(v) for v in re.findall(r"val_loss: ([\d.]+)$", log, re.M)]
    return val_losses, val_losses.index(min(val_losses)) + 1


def test_checkpoint_keeps_the_epoch_of_lowest_val_loss(run):
    result = run(CHECKPOINT)
    log = result.cell("Train with checkpoints").stdout
    val_losses, best = best_epoch(log)
    assert len(val_losses) == 12
    saved = [int(e) for e in re.findall(r"^Epoch (\d+): val_loss improved", log, re.M)]
    assert saved[-1] == best  # the last save is the best epoch
    assert saved == sorted(saved) and best < 12  # it is not the last epoch
    assert f"Epoch {best}: finished saving model to best.keras" in log
    out = result.cell("Which epoch was kept").stdout
    assert "files written: ['best.keras']" in out
    lowest = number(r"lowest val_loss in History: ([\d.]+)", out)
    assert number(r"at epoch (\d+)", out) == best
    assert abs(lowest - min(val_losses)) < 1e-4
    kept = number(r"val_loss of best.keras: ([\d.]+)", out)
    assert abs(kept - lowest) < 1e-3  # the kept file is the best epoch's model
    last = number(r"val_loss of the last epoch: ([\d.]+)", out)
    assert last > lowest + 0.05  # overfitting: the last epoch is clearly worse
    assert all(v > lowest for v in val_losses[best:])  # "stays above that value"
    losses = epoch_losses(log)
    assert losses[-1] < losses[best - 1] < losses[0]  # the training loss falls overall


def test_the_page_names_its_runs_best_epoch(page_run):
    _, best = best_epoch(page_run(CHECKPOINT).cell("Train with checkpoints").stdout)
    pages = twins("lifecycle/saving")
    assert f"lowest at epoch {best} and stays" in pages["en"]
    assert f"it is the model of epoch {best}." in pages["en"]
    assert f"곧 {best}번째 에포크의 모델입니다" in pages["ko"]


def test_custom_layer_fails_to_load_until_given_or_registered(run):
    result = run(CUSTOM)
    out = result.cell("An unregistered layer").stdout
    assert "stored: PixelScale with factor 0.00392156862745098" in out
    assert (
        "TypeError: Could not locate class 'PixelScale'. Make sure custom classes and "
        "functions are decorated with `@keras.saving.register_keras_serializable()`."
        in out
    )
    fixed = result.cell("custom_objects").stdout
    assert number(r"custom_objects, max absolute difference: ([\d.e-]+)", fixed) == 0
    registered = result.cell("Registered").stdout
    assert "registered as: my_functions>scaled_tanh" in registered
    assert (
        number(
            r"without custom_objects, max absolute difference: ([\d.e-]+)", registered
        )
        == 0
    )


def test_export_writes_a_savedmodel_that_matches_predict(run):
    result = run(EXPORT)
    out = result.cell("Export").stdout
    assert (
        "the artifact is a folder: "
        "['assets', 'fingerprint.pb', 'saved_model.pb', 'variables']" in out
    )
    alone = result.cell("Load with TensorFlow alone").stdout
    assert "signatures: ['serve', 'serving_default']" in alone
    assert "artifact.serve output: (1000, 10)" in alone
    assert number(r"difference from predict: ([\d.e-]+)", alone) < 1e-6
    refused = result.cell("Not a Keras model").stdout
    assert (
        "ValueError: File format not supported: filepath=fashion_savedmodel." in refused
    )


def test_tfsm_layer_calls_the_savedmodel_as_a_layer(run):
    layer = run(TFSM).cell("Load as a Keras layer").stdout
    assert "TFSMLayer output: (1000, 10)" in layer
    assert number(r"difference from predict: ([\d.e-]+)", layer) < 1e-6


def keras_source(module: str) -> str:
    """The installed Keras's source of *module*, read without importing Keras."""
    origin = importlib.util.find_spec("keras").origin
    return (Path(origin).parent / "src" / module).read_text()


def test_what_the_page_reads_from_the_keras_source():
    """The claims of the export section and the pitfalls, in the installed Keras."""
    export = keras_source("models/model.py")
    for name in ("tf_saved_model", "onnx", "openvino", "litert", "torch"):
        assert f'`"{name}"`' in export  # the formats Model.export documents
    tfsm = keras_source("export/tfsm_layer.py")
    assert 'if backend.backend() != "tensorflow":' in tfsm
    assert "raise NotImplementedError(" in tfsm
    # A SavedModel on JAX goes through jax2tf, on PyTorch through torch_xla; a PyTorch
    # program (format="torch") is traced for a batch of one unless dynamic_shapes=.
    jax_export = keras_source("backend/jax/export.py")
    assert "from jax.experimental import jax2tf" in jax_export
    assert "torch_xla.stablehlo" in keras_source("backend/torch/export.py")
    assert 'raise ValueError("Torch export requires PyTorch backend.")' in export
    to_torch = keras_source("export/torch.py")
    assert "replace_none_number = 2 if dynamic_shapes is not None else 1" in to_torch
    assert "torch.export.load" in to_torch
    # The first fit of a loaded model reads a batch to build its loss and metrics (the
    # shuffle=False paragraph): on JAX a NumPy permutation, on PyTorch a RandomSampler.
    for trainer in ("backend/jax/trainer.py", "backend/torch/trainer.py"):
        assert "self._symbolic_build(iterator=epoch_iterator)" in keras_source(trainer)
    build = keras_source("trainers/trainer.py")
    assert "compile_metrics_unbuilt = (" in build
    assert "for _, _, data_or_iterator in iterator:" in build
    arrays = keras_source("trainers/data_adapters/array_data_adapter.py")
    assert "global_permutation = np.random.permutation(self._num_samples)" in arrays
    assert "torch.utils.data.RandomSampler(range(self._num_samples))" in arrays
    saving = keras_source("saving/saving_api.py")
    assert 'endswith((".h5", ".hdf5"))' in saving  # the legacy format, still written
    lambda_layer = keras_source("layers/core/lambda_layer.py")
    assert 'fn.__name__ == "<lambda>"' in lambda_layer  # only lambdas become bytecode
    assert "serialization_lib.serialize_keras_object(fn)" in lambda_layer  # def: name
    pages = twins("lifecycle/saving")
    assert '`format="onnx"`, `"openvino"`,' in pages["en"]
    assert "A `Lambda` layer wrapping a `lambda` expression." in pages["en"]


def test_the_page_gives_the_conditions_of_the_other_export_formats():
    pages = twins("lifecycle/saving")
    assert "one `XlaCallModule` operation" in pages["en"]
    assert '"native_serialization_platforms"' in pages["ko"]
    assert "`.pt2`" in pages["en"] and "`.pt2`" in pages["ko"]
    assert '`"litert"` also needs the TensorFlow or PyTorch backend' in pages["en"]
