"""The words the engine puts on pages, in each language the site is built in."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "executed_notebook": "executed notebook",
        "open_in_colab": "Open in Colab",
        "ran_in": "ran in {seconds:.1f} s",
        "output": "Output",
        "lines": "{name}: {lines} lines",
        "full_size": "Open the figure at full size",
        "not_executed": "Not executed",
        "not_executed_body": "Render-only build (`DOCEXEC_EXECUTE=0`) and no cached "
        "run of this snippet: its output is not shown.",
        "gallery_title": "Examples gallery",
        "gallery_description": "Every example on this site, with its main figure and "
        "run time.",
        "gallery_intro": "Every example on this site, each a script you can download "
        "and run, with a card for each page that shows it. The picture is the last "
        "figure that page shows, drawn when the site was built.",
        "notebook": "notebook",
        "timings_title": "Execution times",
        "timings_description": "How long each example on this site took to run when "
        "its output was captured.",
        "timings_intro": "Each example ran once on each Keras backend it claims, in a "
        "fresh Python kernel; its output is reused until the example, a module it "
        "imports, the locked dependencies or the engine change. The times below are "
        "those of the runs shown on the site, on the machine that built it; each links "
        "to its executed notebook.",
        "example": "Example",
        "total": "In all",
        "does_not_apply": "does not apply",
        "not_yet_run_short": "not yet run",
        "failed": "failed",
        "timings_total": "{count} runs, {seconds:.0f} s",
        "notebook_note": "The run of <code>{snippet}</code> as the site captured it. "
        '<a href="{url}">{page}</a> explains it.',
        "ran_with": "The examples on this page ran on {when} with Python {python} "
        "and Keras {keras}, on {backends}, one CPU thread each ({cpu}).",
        "ran_on_title": "Ran on",
        "ran_on": "{name} in {seconds:.1f} s",
        "not_yet_run": "{name} (not yet run)",
        "run_failed": "{name} (failed)",
        "not_on": "Not on {names}: {reason}",
        "and": " and ",
        "numbers_title": "The numbers in the text, as each backend printed them",
        "printed_after": "Printed after",
        "seconds": "{seconds:.1f} s",
        "backend_note": "On {name}: the page describes the run on {primary}; this is "
        "the same example run with <code>KERAS_BACKEND={backend}</code>. Download "
        '<a href="{script}" download>its .py</a> or '
        '<a href="{notebook}" download>its .ipynb</a>, set up for {name}.',
    },
    "ko": {
        "executed_notebook": "실행된 노트북",
        "open_in_colab": "Colab에서 열기",
        "ran_in": "실행 시간 {seconds:.1f}초",
        "output": "출력",
        "lines": "{name}: {lines}줄",
        "full_size": "그림을 원래 크기로 보기",
        "not_executed": "실행하지 않음",
        "not_executed_body": "렌더링 전용 빌드(`DOCEXEC_EXECUTE=0`)이고 이 예제를 "
        "실행한 결과가 캐시에 없어 출력을 보여 주지 않습니다.",
        "gallery_title": "예제 갤러리",
        "gallery_description": "이 사이트의 모든 예제를 대표 그림, 실행 시간과 함께 "
        "모았습니다.",
        "gallery_intro": "이 사이트의 모든 예제입니다. 각 예제는 내려받아 바로 "
        "실행할 수 있는 스크립트이며, 예제를 보여 주는 페이지마다 카드가 하나씩 "
        "있습니다. 대표 그림은 그 페이지가 보여 주는 마지막 그림으로, 사이트를 빌드할 "
        "때 그려졌습니다.",
        "notebook": "노트북",
        "timings_title": "실행 시간",
        "timings_description": "이 사이트의 각 예제가 출력을 기록할 때 실행에 걸린 "
        "시간입니다.",
        "timings_intro": "각 예제는 실행 대상으로 밝힌 Keras 백엔드마다 새 파이썬 "
        "커널에서 한 번씩 실행되며, 그 출력은 예제나 예제가 가져오는 모듈, "
        "고정된 의존성, 실행 엔진이 바뀔 때까지 그대로 재사용됩니다. "
        "아래 시간은 사이트에 보이는 실행 결과의 시간이며, 사이트를 "
        "빌드한 컴퓨터에서 잰 것입니다. 각 시간을 누르면 그 실행의 노트북이 열립니다.",
        "example": "예제",
        "total": "합계",
        "does_not_apply": "해당 없음",
        "not_yet_run_short": "아직 실행 안 함",
        "failed": "실패",
        "timings_total": "{count}번 실행, {seconds:.0f}초",
        "notebook_note": "사이트를 빌드할 때 실행한 <code>{snippet}</code>의 "
        '노트북입니다. 예제 설명은 <a href="{url}">{page}</a>에서 읽을 수 있습니다.',
        "ran_with": "이 페이지의 예제는 {when}에 파이썬 {python}, Keras {keras} "
        "환경에서 {backends} 백엔드로, 예제마다 CPU 스레드 하나를 써서 "
        "실행했습니다({cpu}).",
        "ran_on_title": "백엔드별 실행:",
        "ran_on": "{name} {seconds:.1f}초",
        "not_yet_run": "{name} 아직 실행 안 함",
        "run_failed": "{name} 실패",
        "not_on": "{names}에서는 실행하지 않습니다: {reason}",
        "and": ", ",
        "numbers_title": "본문에 나온 숫자를 백엔드별로 보기",
        "printed_after": "숫자 앞에 출력된 문구",
        "backend_note": "{name} 실행 결과입니다. 본문은 {primary}에서 실행한 결과를 "
        "설명하고, 이 노트북은 같은 예제를 <code>KERAS_BACKEND={backend}</code>로 "
        '실행한 것입니다. {name}에 맞게 설정된 <a href="{script}" download>.py</a>와 '
        '<a href="{notebook}" download>.ipynb</a>를 내려받을 수 있습니다.',
        "seconds": "{seconds:.1f}초",
    },
}


def text(language: str, key: str, **values: object) -> str:
    table = MESSAGES.get(language, MESSAGES["en"])
    return table[key].format(**values)
