"""Facts stated on docs/training/capacity.md, checked on the captured runs."""

import re

import pytest
from captured import number
from pages import twins

SIZES = "capacity/sizes.py"
REGULARIZED = "capacity/regularized.py"
DECAY = "capacity/weight_decay.py"
MODELS = ("tiny", "small", "medium", "large")


def curves(text: str) -> dict[str, float]:
    """What ``train`` printed about one model's losses (both snippets' wording)."""
    loss = r"(?:loss|cross-entropy)"
    found = {
        "val": number(rf"^\s*final validation {loss}:\s+([\d.]+)", text),
        "lowest": number(rf"^\s*lowest validation {loss}:\s+([\d.]+)", text),
        "epoch": number(rf"^\s*lowest validation {loss}: [\d.]+ at epoch (\d+)", text),
        "rise": number(r"^\s*rise since the lowest:\s+([-\d.]+)", text),
    }
    train = re.search(
        rf"^final training {loss}(?: \(History\))?:\s+([\d.]+)", text, re.M
    )
    if train:  # the History's training loss, where the script prints it
        found["train"] = float(train.group(1))
    fall = re.search(r"^training loss, fall in the last epoch:\s+([-\d.]+)", text, re.M)
    if fall:  # sizes.py: how much the training loss fell in the 25th epoch
        found["fall"] = float(fall.group(1))
    return found


def on(snippet_runs, backend: str):
    """Like the ``run`` fixture, on *backend*: for a sentence that names it."""

    def get(rel: str):
        result = snippet_runs(rel).on(backend)
        if result is None:
            pytest.fail(f"{rel} has no run on {backend}", pytrace=False)
        assert result.error is None, str(result.error)
        return result

    return get


OTHERS = ("jax", "torch")  # the backends the page names beside its own run


def sizes(run) -> dict[str, dict[str, float]]:
    result = run(SIZES)
    return {name: curves(result.cell(name.capitalize()).stdout) for name in MODELS}


def parameters(run) -> dict[str, int]:
    out = run(SIZES).cell("Models").stdout
    return {name: int(number(rf"^{name} parameters: ([\d,]+)", out)) for name in MODELS}


def test_same_data_for_every_model(run):
    out = run(SIZES).cell("Data").stdout
    assert "training set:   (2000, 784)  validation set: (2000, 784)" in out


def test_parameter_counts(run):
    counts = parameters(run)
    assert counts == {
        "tiny": 3_190,
        "small": 12_730,
        "medium": 55_050,
        "large": 932_362,
    }
    for language, page in twins("training/capacity").items():
        formula = r"784 \times 4 + 4 + 4 \times 10 + 10 = 3{,}190"
        assert formula in page, language
    assert counts["tiny"] > 2000  # "more parameters than there are training images"
    assert 100 < counts["large"] / 2000 < 1000  # "hundreds for each training image"
    assert 16 < counts["large"] / counts["medium"] < 18  # "about a seventeenth"


def test_training_losses_fall_with_size(run):
    runs = sizes(run)
    train = [runs[name]["train"] for name in MODELS]
    assert train == sorted(train, reverse=True)  # tiny highest ... large lowest


def test_tiny_model_underfits(run):
    tiny = sizes(run)["tiny"]
    others = sizes(run)
    assert tiny["train"] > 0.9 and tiny["val"] > 0.9  # both high
    assert 0 < tiny["val"] - tiny["train"] < 0.1  # and close
    # "about twice the small and medium models' ... up to two and a half times on JAX"
    for name in ("small", "medium"):
        assert 1.75 < tiny["val"] / others[name]["val"] < 2.75, name
        # the page says validation loss: the training losses' ratios are larger
        assert tiny["train"] / others[name]["train"] > 2.2, name
    assert tiny["epoch"] == 25  # validation loss at its lowest at the last epoch
    # training that stopped too early: its training loss still falls
    assert tiny["fall"] > 0
    english = twins("training/capacity")["en"]
    assert "about twice the small and medium models' (0.557 and 0.511)" in english
    jax = "up to two and a half times on JAX (1.357 against 0.547 and 0.533)"
    assert jax in english


def test_small_still_improving_medium_at_or_near_its_lowest(run):
    runs = sizes(run)
    assert runs["small"]["epoch"] == 25  # validation still going down
    assert runs["small"]["rise"] == 0
    # "about where overfitting begins": its lowest late, at most a slight turn up
    assert runs["medium"]["epoch"] >= 20
    assert runs["medium"]["rise"] < 0.05
    lowest = {name: runs[name]["lowest"] for name in MODELS}
    assert min(lowest, key=lowest.get) == "medium"  # the lowest of the four


def test_medium_has_not_started_to_overfit_in_the_pages_run(page_run):
    medium = sizes(page_run)["medium"]
    assert medium["epoch"] == 25  # "So is the medium model's in this run"
    assert medium["rise"] == 0


def test_medium_turns_up_on_jax_and_pytorch(snippet_runs):
    # "On JAX and PyTorch its validation loss had just turned up"
    for backend in OTHERS:
        medium = sizes(on(snippet_runs, backend))["medium"]
        assert medium["epoch"] < 25, backend
        assert 0 < medium["rise"] < 0.05, backend


def test_large_model_overfits(run):
    large = sizes(run)["large"]
    medium = sizes(run)["medium"]
    assert large["train"] < 0.15  # the lowest training loss (see the ordering test)
    assert large["epoch"] <= 8  # an early minimum, in a run of 25 epochs
    assert large["val"] > large["lowest"]
    assert 0.15 < large["rise"] < 0.45  # climbs well above its minimum
    assert large["lowest"] > medium["lowest"]  # its best is worse than medium's
    # "close to the medium model, not past it": a small margin, one seed
    assert large["lowest"] - medium["lowest"] < 0.05


def test_large_model_best_epoch_is_the_fourth(page_run):
    assert sizes(page_run)["large"]["epoch"] == 4
    pages = twins("training/capacity")
    assert "Every epoch after the fourth fits" in pages["en"]
    assert "4번째 에포크 이후로는" in pages["ko"]


def test_sizes_figure(run):
    (figure,) = run(SIZES).cell("Plot").figures
    assert figure.alt.startswith("Four sizes, 2,000 training images")


def test_regularized_script_repeats_the_large_model(run):
    large = sizes(run)["large"]
    again = curves(run(REGULARIZED).cell("Large").stdout)
    for key in ("val", "lowest", "epoch", "rise"):
        assert again[key] == large[key], key  # same seed, same data, same numbers


def test_l2_and_dropout_together(run):
    result = run(REGULARIZED)
    large_out = result.cell("Large").stdout
    combined_out = result.cell("L2 and Dropout").stdout
    large, combined = curves(large_out), curves(combined_out)
    assert number(r"^parameters: ([\d,]+)", combined_out) == 932_362
    # the climb is gone: the minimum-to-final rise drops to almost nothing
    assert combined["rise"] < 0.05 and combined["rise"] < 0.2 * large["rise"]
    # its lowest value beats the bare large model's, and is about as good as the
    # best bare size's (the medium model's): below it or a little above
    assert combined["lowest"] < large["lowest"]
    assert combined["lowest"] - sizes(run)["medium"]["lowest"] < 0.03
    assert combined["epoch"] > large["epoch"]
    # the History's training curve ends far higher (units dropped while it is measured)
    assert combined["train"] > 2 * large["train"]
    inference = r"^training cross-entropy \(inference mode\): ([\d.]+)"
    # measured in inference mode, still higher: it memorises less
    assert number(inference, combined_out) > number(inference, large_out)
    # part of the History's difference is the units dropped while it is measured
    assert combined["train"] - number(inference, combined_out) > 0.05
    (figure,) = result.cell("Plot").figures
    assert figure.alt.startswith("The large model with and without L2 + Dropout")


def regularized(run) -> tuple[dict[str, float], dict[str, float], float]:
    """The bare and the regularized large model, and the bare one's training
    cross-entropy measured in inference mode."""
    result = run(REGULARIZED)
    large_out = result.cell("Large").stdout
    inference = r"^training cross-entropy \(inference mode\): ([\d.]+)"
    combined = curves(result.cell("L2 and Dropout").stdout)
    return curves(large_out), combined, number(inference, large_out)


def test_regularized_large_model_beats_every_size_in_the_pages_run(page_run):
    large, combined, inference = regularized(page_run)
    assert combined["lowest"] < min(s["lowest"] for s in sizes(page_run).values())
    # "for the bare model it is the lower of the two in this run"
    assert large["train"] < inference


def test_regularized_large_model_on_jax_and_pytorch(snippet_runs):
    for backend in OTHERS:
        run = on(snippet_runs, backend)
        large, combined, inference = regularized(run)
        # "it comes close to the medium model without passing it"
        medium = sizes(run)["medium"]["lowest"]
        assert medium <= combined["lowest"] < medium + 0.03, backend
        # "and the higher on JAX and PyTorch"
        assert large["train"] > inference, backend


def decay_runs(run) -> dict[str, dict[str, float]]:
    out = run(DECAY).cell("Train").stdout
    parts = re.split(r"^(L2 \+ Adam|AdamW):$", out, flags=re.M)
    found = {}
    for name, text in zip(parts[1::2], parts[2::2], strict=True):
        found[name] = curves(text) | {
            group: number(rf"weights kept, pixels? {group} lit:\s+([\d.]+)", text)
            for group in ("never", "rarely", "often")
        }
    assert set(found) == {"L2 + Adam", "AdamW"}
    return found


def test_pixels_the_data_never_moves(run):
    out = run(DECAY).cell("Data").stdout
    assert number(r"pixels never lit: (\d+)", out) == 1  # "Only 1 ... is zero"
    assert number(r"lit in under 5% of images: (\d+)", out) > 20
    assert number(r"pixels lit in over half the images: (\d+)", out) > 300


def test_weight_decay_schedule(run):
    out = run(DECAY).cell("Two ways to shrink weights").stdout
    assert number(r"steps in 25 epochs: (\d+)", out) == 400  # 16 batches of 128
    assert "multiplies every weight by 1 - 0.004" in out
    kept = number(r"a weight with no gradient keeps ([\d.]+)", out)
    assert 0.15 < kept < 0.25  # strong enough to be felt in 400 steps
    # the measured never-lit weights under AdamW match the prediction
    assert decay_runs(run)["AdamW"]["never"] == kept


def test_one_step_shows_adam_rescaling_the_penalty(run):
    out = run(DECAY).cell("One step").stdout
    learning_rate = 0.001
    adam = number(r"^L2 \+ Adam: one step moved them by ([\d.e+-]+)", out)
    adamw = number(r"^AdamW: one step moved them by ([\d.e+-]+)", out)
    gradient = number(r"the penalty's gradient on them: ([\d.e+-]+)", out)
    sgd = number(r"plain SGD would move them by: ([\d.e+-]+)", out)
    decay = number(r"AdamW's decay on them: ([\d.e+-]+)", out)
    assert 0.5 * learning_rate < adam < learning_rate  # "more than half the lr"
    assert adam > 50 * gradient  # a tiny gradient became a large step
    assert adam > 10_000 * sgd  # far more than plain SGD would move them
    assert adamw == decay  # "exactly its decay"
    # epsilon: sqrt(v) after one step is of its order, so the division is partial
    epsilon = number(r"^Adam's epsilon: ([\d.e+-]+)", out)
    root_v = number(r"^sqrt\(v\) on them after one step: ([\d.e+-]+)", out)
    assert epsilon == 1e-7
    assert epsilon / 10 < root_v < 10 * epsilon  # "the same order"
    # update_step's formula gives the step measured
    formula = number(r"^update_step's formula moves them by: ([\d.e+-]+)", out)
    assert abs(formula - adam) <= 0.05 * adam


def test_l2_and_weight_decay_shrink_different_weights(run):
    runs = decay_runs(run)
    l2, adamw = runs["L2 + Adam"], runs["AdamW"]
    # L2 + Adam: the unused weights vanish, the often-used ones are hardly touched
    assert l2["never"] < 0.01
    assert l2["rarely"] < 0.6
    assert l2["often"] > 0.9
    # AdamW: the often-used weights shrink too, far more than under L2
    assert adamw["often"] < 0.5
    assert adamw["often"] < l2["often"] / 2
    # "the rarely lit pixels keep more": more than the never-lit and the often-lit ones
    assert adamw["rarely"] > max(adamw["never"], adamw["often"])
    figure = run(DECAY).cell("Plot").figures[0]
    assert "L2 + Adam: weights kept" in figure.alt
    assert "AdamW: weights kept" in figure.alt


def test_validation_with_l2_and_with_weight_decay(run):
    runs = decay_runs(run)
    l2, adamw = runs["L2 + Adam"], runs["AdamW"]
    large = sizes(run)["large"]
    combined = curves(run(REGULARIZED).cell("L2 and Dropout").stdout)
    # L2 at this strength barely changes the overfitting
    assert l2["epoch"] <= 6
    assert abs(l2["rise"] - large["rise"]) < 0.1
    # AdamW: the lowest value comes later, is lower, and the rise is smaller
    assert adamw["epoch"] > l2["epoch"]
    assert adamw["lowest"] < l2["lowest"]
    assert adamw["rise"] < large["rise"]
    # L2 and Dropout together kept the curve flatter than either
    assert combined["rise"] < min(l2["rise"], adamw["rise"])
    # L2 alone hardly reduces the climb, so Dropout removed most of it in section 4
    assert large["rise"] - l2["rise"] < 0.25 * (large["rise"] - combined["rise"])


def test_how_much_adamw_flattens_the_climb(page_run, snippet_runs):
    def ratio(run) -> float:
        return decay_runs(run)["AdamW"]["rise"] / sizes(run)["large"]["rise"]

    assert ratio(page_run) < 0.5  # "less than half of it in this run"
    assert 0.4 < ratio(on(snippet_runs, "jax")) < 0.6  # "about half"
    assert ratio(on(snippet_runs, "torch")) > 0.75  # "hardly less"


def test_quoted_numbers_on_both_pages(page_run):
    large = sizes(page_run)["large"]
    tiny = sizes(page_run)["tiny"]
    combined = curves(page_run(REGULARIZED).cell("L2 and Dropout").stdout)
    quoted = [
        f"{large['rise']:.3f}",
        f"{large['lowest']:.3f}",
        f"{tiny['train']:.3f}",
        f"{combined['rise']:.3f}",
        f"{decay_runs(page_run)['AdamW']['never']:.3f}",
        "932,362",
    ]
    for language, page in twins("training/capacity").items():
        for value in quoted:
            assert value in page, (language, value)
    english = twins("training/capacity")["en"]
    assert "Only 1 of the 784 pixels is zero" in english
    assert "`AdamW(weight_decay=4.0)`" in english
