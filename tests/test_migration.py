"""Facts stated on docs/reference/keras3-migration.md, checked on the captured run."""

import re

from pages import twins

OLD = "migration/old_idioms.py"


def test_tf_keras_is_keras_3(run):
    out = run(OLD).cell("tf.keras").stdout
    tf_keras = re.search(r"^tf.keras version: (\S+)", out, re.M).group(1)
    keras = re.search(r"^keras version:\s+(\S+)", out, re.M).group(1)
    assert tf_keras == keras and keras.startswith("3.")
    assert "tf.keras.Sequential is keras.Sequential: True" in out


def test_input_shape_warns_but_builds(run):
    out = run(OLD).cell("input_shape").stdout
    assert (
        "old form warns: UserWarning: Do not pass an `input_shape`/`input_dim` "
        "argument to a layer. When using Sequential models, prefer using an "
        "`Input(shape)` object as the first layer in the model instead." in out
    )
    assert out.count("old form warns:") == 1
    assert "old form still builds, input shape: (None, 3)" in out
    assert "replacement: warnings: 0  input shape: (None, 3)" in out


def test_lr_raises_value_error(run):
    out = run(OLD).cell("lr").stdout
    assert (
        "old form raises: ValueError: Argument(s) not recognized: {'lr': 0.01}" in out
    )
    assert "replacement: learning_rate = 0.01" in out
    for name in (
        "keras.optimizers.SGD",
        "keras.optimizers.RMSprop",
        "tf.keras.optimizers.Adam",
    ):
        assert (
            f"  {name}(lr=0.01) raises: ValueError: "
            "Argument(s) not recognized: {'lr': 0.01}" in out
        )


def test_acc_metric_names_the_history_key(run):
    out = run(OLD).cell("acc").stdout
    assert (
        "metrics=['acc']      -> History keys: ['acc', 'loss', 'val_acc', 'val_loss']"
        in out
    )
    assert (
        "metrics=['accuracy'] -> History keys: "
        "['accuracy', 'loss', 'val_accuracy', 'val_loss']" in out
    )
    assert (
        "history.history['acc'] after metrics=['accuracy'] raises: KeyError: 'acc'"
        in out
    )
    assert "same numbers under both names: True" in out


def test_fit_returns_the_history_callback(run):
    out = run(OLD).cell("History").stdout
    assert (
        "old form raises: AttributeError: module 'keras.callbacks' has no attribute "
        "'history'" in out
    )
    assert "fit returns: History" in out
    assert "isinstance(history, keras.callbacks.History): True" in out
    assert "history is model.history: True" in out
    assert "history.history keys: ['accuracy', 'loss']" in out
    assert "epochs recorded: 3" in out
    assert "own History passed in; fit returns it: True" in out


def test_predict_classes_is_gone(run):
    out = run(OLD).cell("predict_classes").stdout
    assert (
        "old form raises: AttributeError: 'Sequential' object has no attribute "
        "'predict_classes'" in out
    )
    assert "sigmoid output, predict shape: (5, 1)" in out
    assert "softmax output, predict shape: (5, 3)" in out
    assert "argmax(axis=1) on it:  [0 0 0 0 0] (wrong: one column)" in out
    probabilities = [
        float(p)
        for p in re.search(r"^probabilities:\s+\[(.*)\]", out, re.M).group(1).split()
    ]
    classes = re.search(r"^\(p > 0.5\).astype\(int\): \[(.*)\]", out, re.M)
    assert [int(c) for c in classes.group(1).split()] == [
        int(p > 0.5) for p in probabilities
    ]
    argmax = re.search(r"^predict\(x\).argmax\(axis=1\): \[(.*)\]", out, re.M)
    assert all(c in "012" for c in argmax.group(1).split())
    true = re.findall(r"^true labels:\s+\[(.*)\]", out, re.M)
    assert len(true) == 2
    binary_hits = sum(
        a == b for a, b in zip(classes.group(1).split(), true[0].split(), strict=True)
    )
    softmax_hits = sum(
        a == b for a, b in zip(argmax.group(1).split(), true[1].split(), strict=True)
    )
    assert binary_hits >= 3 and softmax_hits >= 3  # trained briefly, mostly right


def test_saving_needs_a_keras_file_name(run, backend):
    out = run("migration/old_idioms.py").cell("Saving").stdout
    # the first line names the backend of the run, chosen by KERAS_BACKEND
    assert f"backend: {backend}  KERAS_BACKEND: {backend}" in out
    assert "old form raises: ValueError: Invalid filepath extension for saving" in out
    assert "... and suggests: True" in out  # model.export() for a SavedModel
    assert "saved to .keras and loaded back; same predictions: True" in out


def test_page_says_every_example_runs_on_each_backend_it_can():
    pages = twins("reference/keras3-migration")
    assert "every run on this site uses TensorFlow" not in pages["en"]
    assert (
        "Every example on this site runs on each of the three that it can"
        in (pages["en"])
    )
    assert "이 사이트의 모든 실행은 TensorFlow를 씁니다" not in pages["ko"]
