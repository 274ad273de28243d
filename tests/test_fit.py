"""Facts stated on docs/lifecycle/fit.md, checked on the captured runs it shows."""

import re

from pages import twins

BATCHES = "fit/batches.py"
VALIDATION = "fit/validation.py"
HISTORY = "fit/history.py"
CALLBACKS = "fit/callbacks.py"

KEYS = "['accuracy', 'loss', 'val_accuracy', 'val_loss']"


def epoch_lines(text: str) -> list[tuple[int, int, dict[str, float]]]:
    """(step, steps, logged values) for each epoch line of a verbose=2 fit log."""
    lines = []
    # the time per step is in ms, us or s: JAX's fast steps are logged in us/step
    line = r"^(\d+)/(\d+) - .*?s/step - (.*)$"
    for step, steps, rest in re.findall(line, text, re.M):
        values = {
            key: float(value) for key, value in re.findall(r"(\w+): ([\d.]+)", rest)
        }
        lines.append((int(step), int(steps), values))
    return lines


def test_steps_per_epoch_is_ceil_of_samples_over_batch_size(run):
    result = run(BATCHES)
    assert "training images: (6000, 28, 28)" in result.cell("Load").stdout
    pages = twins("lifecycle/fit")
    for cell, batch, steps, last in [
        ("Batch size 32", 32, 188, 16),
        ("Batch size 256", 256, 24, 112),
    ]:
        out = result.cell(cell).stdout
        assert f"steps per epoch: ceil(6000 / {batch}) = {steps}" in out
        for language, page in pages.items():  # the page's $\lceil ... \rceil = 188$
            assert rf"\rceil = {steps}$" in page, language
        assert f"last batch: {last} images" in out
        log = epoch_lines(out)
        assert len(log) == 3  # epochs=3: one line per epoch
        assert all(step == total == steps for step, total, _ in log)
        losses = [values["loss"] for *_, values in log]
        assert losses == sorted(losses, reverse=True)  # falls every epoch


def test_small_batches_learn_more_per_epoch(run):
    result = run(BATCHES)
    out = result.cell("Compare").stdout
    found = dict(
        re.findall(
            r"batch (\d+): \d+ updates per epoch, \d+ in all, loss ([\d.]+)", out
        )
    )
    assert "batch 32: 188 updates per epoch, 564 in all" in out  # the page: 564
    assert "batch 256: 24 updates per epoch, 72 in all" in out  # the page: 72 updates
    assert float(found["32"]) < float(found["256"]) - 0.05
    logs = {
        batch: epoch_lines(result.cell(f"Batch size {batch}").stdout)
        for batch in (32, 256)
    }
    epochs = len(logs[32])
    assert len(logs[256]) == epochs
    small, large = (sum(steps for _, steps, _ in logs[b]) for b in (32, 256))
    pages = twins("lifecycle/fit")  # the updates made in all the logged epochs
    assert f"after the same {epochs} epochs" in pages["en"]
    assert f"has made {large} updates against {small}" in pages["en"]
    assert f"같은 {epochs} 에포크 동안" in pages["ko"]
    assert f"{small}번이 아니라 {large}번만" in pages["ko"]


def test_validation_split_and_validation_data(run):
    result = run(VALIDATION)
    split = result.cell("validation_split").stdout
    assert "validation_split=0.2 of 6000: trains on 4800 images" in split
    assert [steps for _, steps, _ in epoch_lines(split)] == [150, 150]  # 4800 / 32
    assert f"History keys: {KEYS}" in split
    data = result.cell("validation_data").stdout
    assert "validation_data: trains on all 6000, validates on 1500 others" in data
    assert [steps for _, steps, _ in epoch_lines(data)] == [188, 188]  # 6000 / 32
    assert f"History keys: {KEYS}" in data
    for out in (split, data):
        for *_, values in epoch_lines(out):
            assert 0.7 < values["val_accuracy"] < 0.9


def test_sorted_data_leaves_unseen_classes_for_validation(run):
    result = run(VALIDATION)
    sorted_out = result.cell("Sorted data").stdout
    assert "classes in the first 80% (training):   [0 1 2 3 4 5 6 7]" in sorted_out
    assert (
        "classes in the last 20% (validation):  [7 8 9] images per class: [  8 590 602]"
        in sorted_out
    )
    for *_, values in epoch_lines(sorted_out):
        assert values["accuracy"] > 0.6  # training looks fine...
        assert values["val_accuracy"] <= round(8 / 1200, 4)  # at best the 8 sneakers
        assert values["val_loss"] > 5
    shuffled = result.cell("Shuffled first").stdout
    assert "classes in the last 20% (validation):  [0 1 2 3 4 5 6 7 8 9]" in shuffled
    assert epoch_lines(shuffled)[-1][2]["val_accuracy"] > 0.75


def test_history_dict(run):
    out = run(HISTORY).cell("The history dict").stdout
    assert "type: History" in out
    assert f"keys: {KEYS}" in out
    assert "values per key: 20 (one per epoch)" in out
    values = {
        key: (float(first), float(last))
        for key, first, last in re.findall(
            r"^\s*(\w+): first ([\d.]+), last ([\d.]+)$", out, re.M
        )
    }
    assert values["loss"][1] < values["loss"][0] / 3  # training loss falls overall
    pages = twins("lifecycle/fit")
    assert "falls overall (with small bumps on JAX and PyTorch)" in pages["en"]
    assert values["val_loss"][0] < values["loss"][0]  # epoch 1: val_loss below loss
    assert values["accuracy"][1] > 0.9
    best_loss, _ = lowest_val_loss(out)
    assert values["val_loss"][1] > best_loss + 0.05  # it ends above its lowest point
    assert 0.75 < values["val_accuracy"][1] < 0.88


def lowest_val_loss(out: str) -> tuple[float, int]:
    best = re.search(r"lowest val_loss: ([\d.]+) at epoch (\d+)", out)
    return float(best.group(1)), int(best.group(2))


def test_lowest_val_loss_early_in_the_page_run_later_on_the_others(snippet_runs):
    runs = snippet_runs(HISTORY)
    best = {
        backend: lowest_val_loss(runs.on(backend).cell("The history dict").stdout)[1]
        for backend in ("tensorflow", "jax", "torch")
    }
    assert 3 <= best["tensorflow"] <= 10  # "after a handful of epochs"
    assert best["jax"] > best["tensorflow"] and best["torch"] > best["tensorflow"]
    pages = twins("lifecycle/fit")
    assert f"a handful of epochs, at epoch {best['tensorflow']}." in pages["en"]
    assert f"at epoch {best['jax']} and {best['torch']}, and it ends" in pages["en"]
    assert f"{best['tensorflow']}번째 에포크에서 가장 낮습니다" in pages["ko"]


def test_history_plot(run):
    (figure,) = run(HISTORY).cell("Plot").figures
    assert "Loss per epoch" in figure.alt and "Accuracy per epoch" in figure.alt
    assert "x: epoch" in figure.alt


def test_early_stopping_and_custom_callback(run):
    result = run(CALLBACKS)
    log = result.cell("Train").stdout
    printed = re.findall(
        r"^epoch\s+(\d+) done: loss [\d.]+, val_loss ([\d.]+)", log, re.M
    )
    assert [int(epoch) for epoch, _ in printed] == list(range(1, len(printed) + 1))
    after = result.cell("After").stdout
    run_epochs = int(re.search(r"epochs run: (\d+) of 100", after).group(1))
    stopped = int(re.search(r"stopped at epoch: (\d+)", after).group(1))
    best = int(re.search(r"best epoch: (\d+)", after).group(1))
    assert len(printed) == run_epochs == stopped < 30  # stopped long before 100
    assert stopped - best == 3  # patience=3: three epochs without improvement
    val_losses = [float(v) for _, v in printed]
    assert min(val_losses) == val_losses[best - 1]
    best_loss = float(re.search(r"best val_loss: ([\d.]+)", after).group(1))
    restored = float(
        re.search(r"val_loss of the restored weights: ([\d.]+)", after).group(1)
    )
    assert abs(restored - best_loss) < 0.002  # restore_best_weights=True


def test_sorted_split_counts(run):
    out = run(VALIDATION).cell("Sorted data").stdout
    assert "validation images: 1200, of classes never trained on: 1192" in out
