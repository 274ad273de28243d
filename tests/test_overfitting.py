"""Facts stated on docs/training/overfitting.md, checked on the captured runs."""

import re

from captured import number
from pages import twins

OVERFIT = "overfitting/overfit.py"
DROPOUT = "overfitting/dropout.py"
L2 = "overfitting/l2.py"


def gap(text: str) -> tuple[float, float, float]:
    found = re.search(
        r"cross-entropy: training ([\d.]+), validation ([\d.]+), gap ([\d.-]+)", text
    )
    assert found, text
    return tuple(float(v) for v in found.groups())


def test_small_training_set_and_big_model(run):
    result = run(OVERFIT)
    assert "training set:   (1000, 784)  validation set: (2000, 784)" in result.stdout
    out = result.cell("Baseline").stdout
    assert number(r"^parameters: ([\d,]+)", out) == 269_322
    params = re.search(r"^parameters: ([\d,]+)", out, re.M).group(1)
    total = params.replace(",", "{,}")  # LaTeX: 269{,}322
    formula = {  # the Korean formula says it in Korean (no English in \text{})
        "en": rf"= {total} \text{{ parameters for }} 1{{,}}000",
        "ko": rf"= {total}\text{{개의 파라미터 (이미지 }} 1{{,}}000",
    }
    for language, page in twins("training/overfitting").items():
        assert formula[language] in page, language


def test_baseline_overfits(run):
    out = run(OVERFIT).cell("Baseline").stdout
    loss_first = number(r"^training loss:\s+epoch 1 ([\d.]+)", out)
    loss_last = number(r"^training loss:.*epoch 30 ([\d.]+)", out)
    val_last = number(r"^validation loss:.*epoch 30 ([\d.]+)", out)
    val_min = number(r"^lowest validation loss: ([\d.]+)", out)
    best_epoch = number(r"^lowest validation loss: .* at epoch (\d+)", out)
    assert loss_last < 0.15 < loss_first  # training loss keeps falling
    assert best_epoch <= 15  # the validation minimum comes early...
    assert val_last > val_min + 0.2  # ...and validation loss ends well above it
    train, val, difference = gap(out)
    assert train < 0.15 and 0.6 < difference < 1.2  # close to 0.9


def test_early_stopping_stops_and_restores(run):
    result = run(OVERFIT)
    out = result.cell("Early stopping").stdout
    ran = number(r"early stopping ran (\d+) of 30 epochs", out)
    restored = number(r"restored the weights of epoch (\d+)", out)
    best_epoch = number(r"at epoch (\d+)", result.cell("Baseline").stdout)
    assert ran <= 20 and ran == restored + 5  # well before 30; patience=5
    assert restored == best_epoch  # same seed, same curve as the baseline
    baseline_gap = gap(result.cell("Baseline").stdout)
    stopped_gap = gap(out)
    assert stopped_gap[1] < baseline_gap[1]  # lower validation loss
    assert 0.15 < stopped_gap[2] < 0.45  # about 0.3
    assert 0.2 < stopped_gap[2] / baseline_gap[2] < 0.5  # around a third


def test_overfit_figures(run):
    result = run(OVERFIT)
    (baseline,) = result.cell("Plot baseline").figures
    assert baseline.alt.startswith("Baseline: training and validation loss")
    (stopped,) = result.cell("Plot early stopping").figures
    assert stopped.alt.startswith("EarlyStopping(patience=5): stopped after epoch")


def test_dropout_and_l2_shrink_the_gap(run):
    baseline = run(OVERFIT).cell("Baseline").stdout
    baseline_gap = gap(baseline)
    baseline_first_loss = number(r"^training loss:\s+epoch 1 ([\d.]+)", baseline)
    baseline_last_loss = number(r"^training loss:.*epoch 30 ([\d.]+)", baseline)
    for snippet, cell in ((DROPOUT, "Dropout"), (L2, "L2")):
        out = run(snippet).cell(cell).stdout
        train, val, difference = gap(out)
        assert 0.25 < difference < 0.6, cell
        assert difference < 0.7 * baseline_gap[2], cell  # roughly half the baseline's
        assert val < baseline_gap[1], cell  # lower validation cross-entropy
        assert train > baseline_gap[0], cell  # fits the training set less tightly
        last = number(r"^validation loss:.*epoch 30 ([\d.]+)", out)
        lowest = number(r"^lowest validation loss: ([\d.]+)", out)
        assert last - lowest < 0.1, cell  # validation loss no longer climbs
        # the History's training loss: dropped units, or the penalty, keep it higher
        assert number(r"^training loss:.*epoch 30 ([\d.]+)", out) > baseline_last_loss
    l2 = run(L2).cell("L2").stdout
    # L2 curves start high: the loss includes the penalty on the initial weights
    assert number(r"^training loss:\s+epoch 1 ([\d.]+)", l2) > baseline_first_loss + 1
    assert number(r"^validation loss:\s+epoch 1 ([\d.]+)", l2) > 2


def test_l2_first_epoch_and_penalty(run):
    out = run(L2).cell("L2").stdout
    train_first = number(r"^training loss:\s+epoch 1 ([\d.]+)", out)
    val_first = number(r"^validation loss: epoch 1 ([\d.]+)", out)
    assert train_first > val_first  # the page: epoch 1's training loss is above val
    before = number(r"L2 penalty: before training ([\d.]+)", out)
    after = number(r"after training ([\d.]+)", out)
    assert before > 1 and after < before / 2  # large at first, shrinks with the weights
    # val_loss includes the penalty: History's val_loss = cross-entropy + penalty
    val_last = number(r"^validation loss:.*epoch 30 ([\d.]+)", out)
    _, val_ce, _ = gap(out)
    assert abs(val_last - (val_ce + after)) < 0.01
    # late in training the two curves are about a cross-entropy gap apart
    loss_last = number(r"^training loss:.*epoch 30 ([\d.]+)", out)
    assert abs((val_last - loss_last) - gap(out)[2]) < 0.05
    page = twins("training/overfitting")["en"]
    assert "so the distance between them is the cross-entropy gap" not in page
    assert "`weight_decay=`" in page


def test_regularization_figures(run):
    (figure,) = run(DROPOUT).cell("Plot").figures
    assert figure.alt.startswith("Dropout(0.5): training and validation loss")
    (figure,) = run(L2).cell("Plot").figures
    assert figure.alt.startswith("L2(0.003) on every kernel")
