"""Facts stated on docs/examples/error-analysis.md, checked on the captured run of the
classification script, whose last cells analyse the model it trained."""

import re

import numpy as np
import pytest
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
OTHERS = ("jax", "torch")  # the backends the page names beside its own run


def on(snippet_runs, backend: str):
    """Like the ``run`` fixture, on *backend*: for a sentence that names it."""

    def get(rel: str):
        result = snippet_runs(rel).on(backend)
        if result is None:
            pytest.fail(f"{rel} has no run on {backend}", pytrace=False)
        assert result.error is None, str(result.error)
        return result

    return get


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


def off_diagonal(run) -> np.ndarray:
    """The printed matrix with its diagonal (the correct predictions) zeroed."""
    off = printed_matrix(run).copy()
    np.fill_diagonal(off, 0)
    return off


def cell(off: np.ndarray, true: str, guess: str) -> int:
    return int(off[CLASSES.index(true), CLASSES.index(guess)])


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


def test_which_class_is_predicted_too_often(page_run, snippet_runs):
    # "this model calls more images "Shirt" than there are shirts"
    assert printed_table(page_run)["Shirt"]["predicted"] > 1000
    # "while the JAX and PyTorch models call fewer, and it is "Coat" that they
    # predict most often"
    for backend in OTHERS:
        table = printed_table(on(snippet_runs, backend))
        assert table["Shirt"]["predicted"] < 1000, backend
        predicted = {name: row["predicted"] for name, row in table.items()}
        assert max(predicted, key=predicted.get) == "Coat", backend


def recall_and_precision(run) -> tuple[dict[str, float], dict[str, float]]:
    table = printed_table(run)
    recall = {name: row["recall"] for name, row in table.items()}
    precision = {name: row["precision"] for name, row in table.items()}
    return recall, precision


def test_weakest_and_strongest_classes(run):
    recall, precision = recall_and_precision(run)
    out = run(MLP).cell("Precision and recall").stdout
    # "the lowest of the ten on all three backends", "the highest precision on all
    # three backends"
    assert min(recall, key=recall.get) == "Shirt"
    assert max(precision, key=precision.get) == "Trouser"
    assert f"lowest recall: Shirt, {recall['Shirt']:.3f}" in out
    assert f"highest precision: Trouser, {precision['Trouser']:.3f}" in out
    # "trousers and bags are rarely taken for anything else"
    for name in ("Trouser", "Bag"):
        assert recall[name] > 0.95 and precision[name] > 0.94, name


def test_lowest_precision_and_highest_recall_on_each_backend(page_run, snippet_runs):
    # "the lowest here and on PyTorch; on JAX, Coat's is lower";
    # "the highest recall in this run (on JAX Bag's is the highest, on PyTorch
    # Sandal's)"
    expected = {
        None: ("Shirt", "Sneaker"),
        "jax": ("Coat", "Bag"),
        "torch": ("Shirt", "Sandal"),
    }
    for backend, (lowest, highest) in expected.items():
        run = page_run if backend is None else on(snippet_runs, backend)
        recall, precision = recall_and_precision(run)
        assert min(precision, key=precision.get) == lowest, backend
        assert max(recall, key=recall.get) == highest, backend


def test_the_listed_pairs_are_the_largest_cells(run):
    off = off_diagonal(run)
    listed = pairs(run)
    assert len(listed) == 10
    assert [count for *_, count in listed] == sorted(off.ravel())[::-1][:10]
    for true, guess, count in listed:
        assert count == cell(off, true, guess), (true, guess)
    # on every backend the largest confusion is one top taken for another
    true, guess, _ = listed[0]
    assert true in TOPS and guess in TOPS


def test_the_most_confused_pair_in_the_pages_run(page_run):
    off = off_diagonal(page_run)
    true, guess = np.unravel_index(off.argmax(), off.shape)
    assert (CLASSES[true], CLASSES[guess]) == ("T-shirt/top", "Shirt")
    listed = pairs(page_run)
    assert listed[0] == ("T-shirt/top", "Shirt", off.max())
    # one-sided: the reverse confusion is much smaller
    assert cell(off, "Shirt", "T-shirt/top") < 0.5 * off.max()
    # the first eight pairs are all among the four tops; footwear comes after
    assert all(t in TOPS and g in TOPS for t, g, _ in listed[:8])
    assert ("Ankle boot", "Sneaker") in [(t, g) for t, g, _ in listed[8:]]
    assert ("Sandal", "Sneaker") in [(t, g) for t, g, _ in listed[8:]]
    # the figure: Dress sits near the tops, in both directions
    for other in ("Coat", "Shirt"):
        assert cell(off, "Dress", other) > 20, other
    for other in ("T-shirt/top", "Trouser"):
        assert cell(off, other, "Dress") > 20, other
    # Pullover and Coat in both directions come next
    assert {(t, g) for t, g, _ in listed[1:3]} == {
        ("Pullover", "Coat"),
        ("Coat", "Pullover"),
    }


def test_t_shirts_recall_and_precision_are_the_tables(run):
    out = run(MLP).cell("Most confused").stdout
    table = printed_table(run)
    assert (
        number(r"^T-shirt/top recall: ([\d.]+)", out) == table["T-shirt/top"]["recall"]
    )
    precision = number(r"^T-shirt/top precision: ([\d.]+)", out)
    assert precision == table["T-shirt/top"]["precision"]


def test_t_shirts_low_recall_good_precision_in_the_pages_run(page_run):
    tshirt = printed_table(page_run)["T-shirt/top"]
    assert tshirt["recall"] < 0.75 < 0.85 < tshirt["precision"]
    missed = 1 - tshirt["recall"]
    assert 0.2 < missed < 0.3  # "about a quarter of the T-shirts are missed"


def test_the_other_backends_confuse_tops_otherwise(snippet_runs):
    for backend in OTHERS:  # "On both, the largest cell is Pullover predicted as Coat"
        listed = pairs(on(snippet_runs, backend))
        assert listed[0][:2] == ("Pullover", "Coat"), backend
    # "the JAX model errs the other way": more shirts called T-shirts than the reverse
    jax = on(snippet_runs, "jax")
    off = off_diagonal(jax)
    assert cell(off, "Shirt", "T-shirt/top") > 1.5 * cell(off, "T-shirt/top", "Shirt")
    # "so there T-shirt/top's recall is the high one"
    tshirt = printed_table(jax)["T-shirt/top"]
    assert tshirt["recall"] > tshirt["precision"]
    # "the PyTorch model errs about equally both ways"
    off = off_diagonal(on(snippet_runs, "torch"))
    ratio = cell(off, "T-shirt/top", "Shirt") / cell(off, "Shirt", "T-shirt/top")
    assert 0.8 < ratio < 1.25


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
    # "the share that is right is a little below the confidence, but close to it"
    mean = number(r"^their mean confidence: ([\d.]+)%", out)
    assert 90 < mean < 100
    assert abs(mean - share) < 2
    assert mean > share


def misclassified(run) -> list[tuple[str, str, str, str]]:
    """The 15 mistakes the grid shows: (index, true, predicted, confidence)."""
    return re.findall(
        r"^x_test\[(\d+)\]: true (.+), predicted (.+) \(([\d.]+)\)$",
        run(MLP).cell("Misclassified").stdout,
        re.M,
    )


def test_the_misclassified_grid(run):
    out = run(MLP).cell("Misclassified")
    shown = misclassified(run)
    assert len(shown) == 15
    indexes = [int(index) for index, *_ in shown]
    assert indexes == sorted(indexes)  # the first 15 mistakes, in test-set order
    assert all(true != guess for _, true, guess, _ in shown)
    surest = max(shown, key=lambda s: float(s[3]))
    assert f"the surest of these: x_test[{surest[0]}]" in out.stdout
    assert f"its confidence: {surest[3]}" in out.stdout
    (figure,) = out.figures
    assert figure.alt.startswith("The first 15 misclassified test images")
    assert figure.alt.count("true:") == 15


def test_the_grid_the_page_shows(page_run, snippet_runs):
    shown = misclassified(page_run)
    among_tops = [true in TOPS and guess in TOPS for _, true, guess, _ in shown]
    # "about half are one top taken for another"
    assert 0.4 * len(shown) <= sum(among_tops) <= 0.6 * len(shown)
    kinds = {(true, guess) for _, true, guess, _ in shown}
    assert {("Coat", "Pullover"), ("Shirt", "T-shirt/top"), ("Pullover", "Shirt")} <= (
        kinds
    )
    surest = max(shown, key=lambda s: float(s[3]))
    assert surest[1:3] == ("Ankle boot", "Sneaker")  # an ankle boot called a sneaker
    # "the other backends' models make partly different ones"
    ours = {index for index, *_ in shown}
    for backend in OTHERS:
        theirs = {index for index, *_ in misclassified(on(snippet_runs, backend))}
        assert theirs != ours and theirs & ours, backend


def test_quoted_numbers_on_both_pages(page_run):
    table = printed_table(page_run)
    quoted = [
        f"{table['Shirt']['recall']:.1%}",
        f"{table['Shirt']['precision']:.1%}",
        f"{table['T-shirt/top']['recall']:.3f}",
        f"{off_diagonal(page_run).max()}",
        "10,000",
    ]
    for language, page in twins("examples/error-analysis").items():
        for value in quoted:
            assert value in page, (language, value)
    english = twins("examples/error-analysis")["en"]
    assert "**T-shirt/top predicted as Shirt**" in english
    surest = number(r"the surest of these: x_test\[(\d+)\]", page_run(MLP).stdout)
    assert f"test image {surest:.0f}, an ankle boot called a sneaker" in english


def test_the_page_says_fit_shuffled_differently_on_each_backend():
    pages = twins("examples/error-analysis")
    assert "`fit` shuffled the batches differently" in pages["en"]
    assert "`fit`이 배치(batch)를 섞는 순서도 달랐고" in pages["ko"]
