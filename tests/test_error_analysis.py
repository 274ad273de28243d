"""Facts stated on docs/examples/error-analysis.md, checked on the captured run of the
classification script, whose last cells analyse the model it trained."""

import re

import numpy as np
from captured import number
from pages import twins

MLP = "classification/fashion_mnist_mlp.py"
CLASSES = [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
]
TOPS = {"T-shirt/top", "Pullover", "Coat", "Shirt"}


def printed_matrix(run) -> np.ndarray:
    """The confusion matrix as the cell printed it."""
    out = run(MLP).cell("Confusion matrix").stdout
    body = out.split("columns: predicted class):\n", 1)[1].split("images counted")[0]
    rows = [[int(v) for v in re.findall(r"\d+", line)] for line in body.splitlines()]
    matrix = np.array([row for row in rows if row])
    assert matrix.shape == (10, 10)
    return matrix


def printed_table(run) -> dict[str, dict[str, float]]:
    """The precision and recall table, one row per class, as printed."""
    out = run(MLP).cell("Precision and recall").stdout
    table = {}
    for name in CLASSES:
        found = re.search(
            rf"^{re.escape(name)}\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)$",
            out,
            re.M,
        )
        assert found, name
        images, predicted, correct, precision, recall = found.groups()
        table[name] = {
            "images": int(images),
            "predicted": int(predicted),
            "correct": int(correct),
            "precision": float(precision),
            "recall": float(recall),
        }
    return table


def pairs(run) -> list[tuple[str, str, int]]:
    """The largest off-diagonal cells, as printed: (true, predicted, count)."""
    out = run(MLP).cell("Most confused").stdout
    found = re.findall(r"^  (.+) predicted as (.+): (\d+)$", out, re.M)
    return [(true, guess, int(count)) for true, guess, count in found]


def test_the_matrix_counts_every_test_image_once(run):
    matrix = printed_matrix(run)
    out = run(MLP).cell("Confusion matrix").stdout
    assert number(r"^images counted: ([\d,]+)", out) == matrix.sum() == 10_000
    assert "y_test:  (10000,)" in run(MLP).cell("Load").stdout  # the test-set size
    assert number(r"^on the diagonal: ([\d,]+)", out) == np.trace(matrix)
    # the diagonal's share is the accuracy evaluate reported
    accuracy = number(r"^accuracy from the matrix: ([\d.]+)", out)
    evaluated = number(r"^test accuracy: ([\d.]+)", run(MLP).cell("Evaluate").stdout)
    assert accuracy == evaluated
    (figure,) = run(MLP).cell("Confusion matrix").figures
    assert figure.alt.startswith("Confusion matrix of the test set")
    assert "x: predicted class" in figure.alt and "y: true class" in figure.alt


def test_recall_and_precision_come_from_rows_and_columns(run):
    matrix = printed_matrix(run)
    table = printed_table(run)
    for i, name in enumerate(CLASSES):
        row = table[name]
        assert row["images"] == matrix[i].sum(), name  # the row sum
        assert row["predicted"] == matrix[:, i].sum(), name  # the column sum
        assert row["correct"] == matrix[i, i], name  # the diagonal
        assert abs(row["recall"] - row["correct"] / row["images"]) <= 5e-4, name
        assert abs(row["precision"] - row["correct"] / row["predicted"]) <= 5e-4, name
    assert {row["images"] for row in table.values()} == {1000}  # 1,000 per class
    assert table["Shirt"]["predicted"] > 1000  # more "Shirt" than there are shirts


def test_weakest_and_strongest_classes(run):
    table = printed_table(run)
    out = run(MLP).cell("Precision and recall").stdout
    recall = {name: row["recall"] for name, row in table.items()}
    precision = {name: row["precision"] for name, row in table.items()}
    assert min(recall, key=recall.get) == "Shirt"
    assert min(precision, key=precision.get) == "Shirt"
    assert max(recall, key=recall.get) == "Sneaker"
    assert max(precision, key=precision.get) == "Trouser"
    assert f"lowest recall: Shirt, {recall['Shirt']:.3f}" in out
    assert f"highest precision: Trouser, {precision['Trouser']:.3f}" in out
    # "trousers and bags are rarely taken for anything else"
    for name in ("Trouser", "Bag"):
        assert recall[name] > 0.95 and precision[name] > 0.94, name


def test_the_most_confused_pair_is_the_largest_cell(run):
    matrix = printed_matrix(run)
    off = matrix.copy()
    np.fill_diagonal(off, 0)
    true, guess = np.unravel_index(off.argmax(), off.shape)
    assert (CLASSES[true], CLASSES[guess]) == ("T-shirt/top", "Shirt")
    listed = pairs(run)
    assert len(listed) == 10
    assert listed[0] == ("T-shirt/top", "Shirt", off.max())
    assert [count for *_, count in listed] == sorted(off.ravel())[::-1][:10]
    # one-sided: the reverse confusion is much smaller
    reverse = off[CLASSES.index("Shirt"), CLASSES.index("T-shirt/top")]
    assert reverse < 0.5 * off.max()
    # the first eight pairs are all among the four tops; footwear comes after
    assert all(t in TOPS and g in TOPS for t, g, _ in listed[:8])
    assert ("Ankle boot", "Sneaker") in [(t, g) for t, g, _ in listed[8:]]
    assert ("Sandal", "Sneaker") in [(t, g) for t, g, _ in listed[8:]]
    # Dress sits near the tops, in both directions
    dress = CLASSES.index("Dress")
    for other in ("Coat", "Shirt"):
        assert off[dress, CLASSES.index(other)] > 20, other
    for other in ("T-shirt/top", "Trouser"):
        assert off[CLASSES.index(other), dress] > 20, other
    # Pullover and Coat in both directions come next
    assert {(t, g) for t, g, _ in listed[1:3]} == {
        ("Pullover", "Coat"),
        ("Coat", "Pullover"),
    }


def test_t_shirts_low_recall_good_precision(run):
    out = run(MLP).cell("Most confused").stdout
    table = printed_table(run)
    assert (
        number(r"^T-shirt/top recall: ([\d.]+)", out) == table["T-shirt/top"]["recall"]
    )
    precision = number(r"^T-shirt/top precision: ([\d.]+)", out)
    assert precision == table["T-shirt/top"]["precision"]
    assert table["T-shirt/top"]["recall"] < 0.75 < 0.85 < precision
    missed = 1 - table["T-shirt/top"]["recall"]
    assert 0.2 < missed < 0.3  # "about a quarter of the T-shirts are missed"


def test_most_mistakes_are_among_the_tops(run):
    matrix = printed_matrix(run)
    out = run(MLP).cell("Most confused").stdout
    tops = [CLASSES.index(name) for name in sorted(TOPS)]
    block = matrix[np.ix_(tops, tops)]
    among = block.sum() - np.trace(block)
    mistakes = matrix.sum() - np.trace(matrix)
    assert number(r"^mistakes: ([\d,]+)", out) == mistakes
    assert number(r"^mistakes among the four tops: ([\d,]+)", out) == among
    share = number(r"^their share of all mistakes: (\d+)%", out)
    assert share == round(100 * among / mistakes)
    assert share > 50  # most of the mistakes
    (figure,) = run(MLP).cell("Most confused").figures
    assert figure.alt.startswith("Mean training image of the four tops")


def test_confidence(run):
    out = run(MLP).cell("Misclassified").stdout
    right = number(r"^mean confidence when right: ([\d.]+)", out)
    wrong = number(r"^mean confidence when wrong: ([\d.]+)", out)
    assert wrong < 0.7 < 0.9 < right  # less sure when wrong
    confident = number(r"^mistakes made with confidence above 0.9: (\d+)", out)
    assert 50 < confident < 300  # a high confidence is no guarantee
    assert number(r"^predictions with confidence above 0.9: ([\d,]+)", out) > 5000
    share = number(r"of them right: ([\d.]+)%", out)
    assert 95 < share < 100
    # "close to what the confidence says": their mean confidence, within 2 points
    mean = number(r"^their mean confidence: ([\d.]+)%", out)
    assert 90 < mean < 100
    assert abs(mean - share) < 2
    assert mean > share  # "if a little above it"


def test_the_misclassified_grid(run):
    cell = run(MLP).cell("Misclassified")
    shown = re.findall(
        r"^x_test\[(\d+)\]: true (.+), predicted (.+) \(([\d.]+)\)$", cell.stdout, re.M
    )
    assert len(shown) == 15
    indexes = [int(index) for index, *_ in shown]
    assert indexes == sorted(indexes)  # the first 15 mistakes, in test-set order
    assert all(true != guess for _, true, guess, _ in shown)
    among_tops = [true in TOPS and guess in TOPS for _, true, guess, _ in shown]
    # "about half are one top taken for another"
    assert 0.4 * len(shown) <= sum(among_tops) <= 0.6 * len(shown)
    kinds = {(true, guess) for _, true, guess, _ in shown}
    assert {("Coat", "Pullover"), ("Shirt", "T-shirt/top"), ("Pullover", "Shirt")} <= (
        kinds
    )
    surest = max(shown, key=lambda s: float(s[3]))
    assert surest[1:3] == ("Ankle boot", "Sneaker")  # an ankle boot called a sneaker
    assert f"the surest of these: x_test[{surest[0]}]" in cell.stdout
    assert f"its confidence: {surest[3]}" in cell.stdout
    (figure,) = cell.figures
    assert figure.alt.startswith("The first 15 misclassified test images")
    assert figure.alt.count("true:") == 15


def test_quoted_numbers_on_both_pages(run):
    table = printed_table(run)
    quoted = [
        f"{table['Shirt']['recall']:.1%}",
        f"{table['Shirt']['precision']:.1%}",
        f"{table['T-shirt/top']['recall']:.3f}",
        f"{printed_matrix(run).max(initial=0, where=~np.eye(10, dtype=bool))}",
        "10,000",
    ]
    for language, page in twins("examples/error-analysis").items():
        for value in quoted:
            assert value in page, (language, value)
    english = twins("examples/error-analysis")["en"]
    assert "**T-shirt/top predicted as Shirt**" in english
    surest = number(r"the surest of these: x_test\[(\d+)\]", run(MLP).stdout)
    assert f"test image {surest:.0f}, an ankle boot called a sneaker" in english
