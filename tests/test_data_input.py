"""Facts stated on docs/lifecycle/feeding-data.md, checked on the captured runs."""

import math
import re

from captured import number
from pages import twins

DATASETS = "data_input/datasets.py"
PY_DATASET = "data_input/py_dataset.py"
CLASS_WEIGHT = "data_input/class_weight.py"

NAMES = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat"]
NAMES += ["Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def stderr(cell) -> str:
    return "".join(o.text for o in cell.outputs if o.kind == "stderr")


def log_steps(text: str) -> list[int]:
    """The steps per epoch of each line of a verbose=2 fit log (``125/125 - ...``)."""
    return [int(n) for n in re.findall(r"^(\d+)/\1 - ", text, re.M)]


def test_arrays_are_batched_by_fit(run):
    out = run(DATASETS).cell("Arrays").stdout
    assert "arrays: (4000, 28, 28) (4000,)" in out
    assert log_steps(out) == [math.ceil(4000 / 32)] * 2  # 125 steps, both epochs
    assert "steps per epoch: 125" in out


def test_dataset_element_specs_and_batches(run):
    cell = run(DATASETS).cell("A tf.data.Dataset")
    out = cell.stdout
    assert "elements: 4000" in out
    assert (
        "element spec: (TensorSpec(shape=(28, 28), dtype=tf.float32, name=None), "
        "TensorSpec(shape=(), dtype=tf.uint8, name=None))" in out
    )
    assert "batches: 125" in out
    assert (
        "element spec: (TensorSpec(shape=(None, 28, 28), dtype=tf.float32, name=None), "
        "TensorSpec(shape=(None,), dtype=tf.uint8, name=None))" in out
    )
    assert "first batch: (32, 28, 28) (32,)" in out
    assert log_steps(out) == [125, 125]  # the same steps as the arrays
    assert "steps per epoch: 125" in out
    # fit's shuffle=True default meets a Dataset: Keras warns, once
    warning = stderr(cell)
    assert warning.count("UserWarning") == 1
    assert "`shuffle=True` was passed, but will be ignored" in warning


def test_batch_size_with_a_dataset_is_silently_ignored(run):
    cell = run(DATASETS).cell("batch_size with a Dataset")
    assert log_steps(cell.stdout) == [125]  # not ceil(4000 / 256) = 16
    assert "steps per epoch with batch_size=256: 125" in cell.stdout
    assert stderr(cell) == ""  # no error, no warning
    pages = twins("lifecycle/feeding-data")
    assert "dataset's 125 steps, not the 16 that batches of 256" in pages["en"]
    assert "Dataset의 125 스텝 그대로이며" in pages["ko"]


def test_an_unbatched_dataset_fails(run):
    out = run(DATASETS).cell("Forgetting batch").stdout
    # The shape as the backend writes it: (28, 28), or torch.Size([28, 28]) on PyTorch.
    assert re.search(
        r"^ValueError: \.\.\. Expected shape \(None, 28, 28\), but input has "
        r"incompatible shape (\(28, 28\)|torch\.Size\(\[28, 28\]\))$",
        out,
        re.M,
    ), out


def test_validation_split_with_a_dataset_raises(run):
    result = run(DATASETS)
    out = result.cell("validation_split with a Dataset").stdout
    assert (
        "ValueError: Argument `validation_split` is only supported for tensors or "
        "NumPy arrays." in out
    )
    assert "_PrefetchDataset" in out
    data = result.cell("validation_data").stdout
    assert log_steps(data) == [125, 125]
    assert "History keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss']" in data
    val_accuracy = [float(v) for v in re.findall(r"val_accuracy: ([\d.]+)", data)]
    assert all(0.7 < v < 0.9 for v in val_accuracy)


def test_py_dataset_returns_whole_batches(run):
    result = run(PY_DATASET)
    out = result.cell("A PyDataset").stdout
    assert "training batches: 63  validation batches: 4" in out  # ceil(4000 / 64)
    assert "first batch: (64, 28, 28) (64,) float32" in out
    assert "last batch:  (32, 28, 28) (32,)" in out  # 4000 - 62 * 64
    train = result.cell("Train on it").stdout
    assert log_steps(train) == [63, 63]  # len(train) steps, no batch_size
    assert "steps per epoch: 63" in train
    assert "val_loss" in train  # a second PyDataset as validation_data
    pages = twins("lifecycle/feeding-data")
    assert "training set has 63 of them" in pages["en"]
    assert "The epoch has 63 steps" in pages["en"]


def test_workers_belongs_to_the_py_dataset(run):
    cell = run(PY_DATASET).cell("workers belongs to the PyDataset")
    # the backend's trainer: TensorFlowTrainer, JAXTrainer or TorchTrainer
    assert re.search(
        r"^TypeError: (TensorFlow|JAX|Torch)Trainer\.fit\(\) got an unexpected "
        r"keyword argument 'workers'$",
        cell.stdout,
        re.M,
    ), cell.stdout
    assert "Your `PyDataset` class should call `super().__init__(**kwargs)`" in stderr(
        cell
    )
    assert number(r"evaluate still ran: accuracy ([\d.]+)", cell.stdout) > 0.7


def test_py_dataset_refuses_validation_split_and_takes_class_weight(run):
    cell = run(PY_DATASET).cell("validation_split and class_weight")
    assert (
        "ValueError: Argument `validation_split` is only supported for tensors or "
        "NumPy arrays." in cell.stdout
    )
    assert "NpyBatches" in cell.stdout
    assert log_steps(cell.stdout) == [63]
    assert "class_weight with a PyDataset, steps: 63" in cell.stdout


def test_weights_in_a_dataset(run):
    cell = run(DATASETS).cell("Weights in a Dataset")
    out = cell.stdout
    assert log_steps(out) == [125, 125]
    assert "class_weight with a Dataset, steps: 125" in out
    assert (
        "TensorSpec(shape=(None,), dtype=tf.uint8, name=None), "
        "TensorSpec(shape=(None,), dtype=tf.float32, name=None))" in out
    )
    assert "(inputs, labels, sample_weights) batches, steps: 125" in out


def recall_table(out: str) -> dict[str, tuple[int, float, float]]:
    rows = re.findall(r"^\s*([\w -]+?)\s+(\d+)\s+([\d.]+)\s+([\d.]+)$", out, re.M)
    return {name: (int(n), float(a), float(b)) for name, n, a, b in rows}


def test_the_training_set_is_imbalanced_and_the_test_set_balanced(run):
    out = run(CLASS_WEIGHT).cell("An imbalanced training set").stdout
    counts = [int(c) for c in re.search(r"images per class: \[(.*)\]", out)[1].split()]
    rare = {NAMES[i]: counts[i] for i in (2, 6)}
    common = [c for i, c in enumerate(counts) if i not in (2, 6)]
    assert all(15 <= n <= 45 for n in rare.values())  # about 1 in 20 of ~600
    assert all(540 <= n <= 660 for n in common)  # "about 600"
    assert "test images per class: [" + " ".join(["1000"] * 10) + "]" in out
    weights = run(CLASS_WEIGHT).cell("Balanced class weights").stdout
    total = sum(counts)
    for name, n in rare.items():
        assert (
            abs(number(rf"{name} weight: ([\d.]+)", weights) - total / (10 * n)) < 0.01
        )


def counted(pattern: str, out: str) -> tuple[float, float]:
    """*pattern*'s number without and with class_weight ("{run}" marks the place)."""
    return (
        number(pattern.format(run="without"), out),
        number(pattern.format(run="with"), out),
    )


def test_class_weight_raises_the_rare_classes_recall(run):
    """What holds on every backend: each draws its own weights and batches."""
    out = run(CLASS_WEIGHT).cell("Train both ways").stdout
    table = recall_table(out)
    assert list(table) == NAMES
    common = [n for n in NAMES if n not in ("Pullover", "Shirt")]
    for name in ("Pullover", "Shirt"):
        _, without, with_weights = table[name]
        assert without < 0.25  # rarely predicted without weights
        assert with_weights > without + 0.1  # the weights raise it
    assert table["Shirt"][2] < 0.3  # "Shirt stays low"
    # the two largest falls are printed; Coat is one of them and clearly falls
    falls = re.findall(r"^(\S+) recall, without class_weight: ([\d.]+)$", out, re.M)
    fallen = [name for name, _ in falls if name not in ("Pullover", "Shirt")]
    assert len(fallen) == 2 and "Coat" in fallen
    assert table["Coat"][2] < table["Coat"][1] - 0.05
    # the other common classes change much less: by at most the printed value
    others = [n for n in common if n not in fallen]
    largest = max(abs(table[n][2] - table[n][1]) for n in others)
    printed = number(r"largest change of the other classes' recall: ([\d.]+)", out)
    assert abs(printed - largest) < 0.0015  # the table's rounding
    assert printed < 0.05
    # "rarely predicts them": counts of predictions, not recall
    for run_name in ("without", "with"):
        counts = re.search(
            rf"predictions per class, {run_name} class_weight: \[(.*?)\]", out
        )
        assert sum(int(c) for c in counts[1].split()) == 10000
    for name in ("Pullover", "Shirt"):
        without, with_weights = counted(
            name + r" predicted, {run} class_weight: (\d+)", out
        )
        assert without < 250  # of 10,000 test images, 1,000 of each class
        assert with_weights > 2 * without
    # the coats now called pullovers or shirts are most of what Coat's recall lost
    gained = 0.0
    for seen in ("Pullover", "Shirt"):
        without, with_weights = counted(
            "Coat as " + seen + r", {run} class_weight: (\d+)", out
        )
        gained += with_weights - without
    lost = 1000 * (table["Coat"][1] - table["Coat"][2])
    assert lost / 2 < gained <= lost + 1  # "most of" Coat's loss (1: rounding)
    without, with_weights = counted(r"T-shirt as Shirt, {run} class_weight: (\d+)", out)
    assert with_weights > without + 10  # T-shirts too are taken for shirts
    # accuracy: up on the balanced test set, down on an imbalanced one
    balanced = counted(r"test accuracy, {run} class_weight: ([\d.]+)", out)
    imbalanced = counted(r"imbalanced test set, {run}: ([\d.]+)", out)
    assert balanced[1] > balanced[0] + 0.02
    assert imbalanced[1] < imbalanced[0]
    # on a balanced test set the accuracy is the mean recall
    for column, accuracy in ((1, balanced[0]), (2, balanced[1])):
        mean_recall = sum(row[column] for row in table.values()) / 10
        assert abs(mean_recall - accuracy) < 0.002


def test_the_page_describes_its_run_of_class_weight(page_run):
    """The sentences about the run the page shows: which classes fall, and by whom."""
    out = page_run(CLASS_WEIGHT).cell("Train both ways").stdout
    table = recall_table(out)
    falls = re.findall(r"^(\S+) recall, without class_weight: ([\d.]+)$", out, re.M)
    fallen = [name for name, _ in falls if name not in ("Pullover", "Shirt")]
    assert fallen == ["Coat", "T-shirt"]  # the classes the page names
    for name in fallen:
        _, without, with_weights = table[name]
        assert with_weights < without - 0.05
    assert table["Pullover"][2] > 0.4 > table["Shirt"][2]  # "Shirt stays low"
    gained = {}
    for true, seen in (("Coat", "Pullover"), ("Coat", "Shirt"), ("T-shirt", "Shirt")):
        without, with_weights = counted(
            true + " as " + seen + r", {run} class_weight: (\d+)", out
        )
        assert with_weights > without + 10
        gained[true] = gained.get(true, 0) + with_weights - without
    lost = {n: 1000 * (table[n][1] - table[n][2]) for n in ("Coat", "T-shirt")}
    assert lost["Coat"] / 2 < gained["Coat"] <= lost["Coat"]  # "most of" Coat's loss
    assert gained["T-shirt"] < lost["T-shirt"] / 2  # "only part of" T-shirt's loss


def test_sample_weight_is_class_weight_per_image(run):
    out = run(CLASS_WEIGHT).cell("sample_weight").stdout
    assert number(r"losses: ([\d.e-]+)", out) == 0.0


def test_recall_figure(run):
    (figure,) = run(CLASS_WEIGHT).cell("Plot").figures
    assert figure.alt.startswith(
        "Per-class recall, Pullover and Shirt rare in training"
    )
