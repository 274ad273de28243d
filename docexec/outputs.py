"""Turn a kernel's raw outputs into what a terminal would have shown a reader.

Progress bars are replayed (carriage returns and backspaces), colour codes dropped,
TensorFlow's start-up chatter removed, local paths made neutral and size capped, so that
pages read well and two builds on two machines capture the same text.
"""

from __future__ import annotations

import re
import sysconfig
from pathlib import Path

import nbformat

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Lines TensorFlow's C++ runtime writes before any Python code can silence it.
NOISE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\) is called"
    r"|[IWEF]\d{4} [\d:.]+\s+\d+ \S+:\d+\])"
)
MAX_CHARS = 20_000
SITE_PACKAGES = str(Path(sysconfig.get_paths()["purelib"]))


def replay_terminal(text: str) -> str:
    """What a terminal shows after printing *text*: ``\\r`` and ``\\b`` applied."""
    lines: list[str] = []
    current: list[str] = []
    cursor = 0
    for char in text:
        if char == "\n":
            lines.append("".join(current).rstrip())
            current, cursor = [], 0
        elif char == "\r":
            cursor = 0
        elif char == "\b":
            cursor = max(0, cursor - 1)
        else:
            if cursor < len(current):
                current[cursor] = char
            else:
                current.append(char)
            cursor += 1
    if current:
        lines.append("".join(current).rstrip())
    return "\n".join(lines) + ("\n" if text.endswith("\n") or current else "")


def clean_text(text: str, scratch: str | None = None) -> str:
    text = replay_terminal(ANSI.sub("", text))
    text = "".join(
        line for line in text.splitlines(keepends=True) if not NOISE.match(line)
    )
    text = text.replace(SITE_PACKAGES, "site-packages")
    if scratch is not None:
        text = text.replace(scratch, ".")
    if len(text) > MAX_CHARS:
        hidden = len(text) - MAX_CHARS
        text = (
            text[:MAX_CHARS]
            + f"\n[... output truncated: {hidden:,} more characters not shown]\n"
        )
    return text


def _as_stream(output: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """Rich's console output (``model.summary()``) arrives as display data coloured
    with ANSI codes; a terminal shows it as plain printed text, and so do we."""
    data = output.get("data", {})
    plain = data.get("text/plain", "")
    if output.output_type == "display_data" and "image/png" not in data:
        rich_html = "white-space:pre" in str(data.get("text/html", ""))
        if ANSI.search(plain) or rich_html:
            stream: nbformat.NotebookNode = nbformat.v4.new_output(
                "stream", name="stdout", text=plain
            )
            return stream
    return None


def clean_outputs(
    outputs: list[nbformat.NotebookNode], scratch: str | None = None
) -> list[nbformat.NotebookNode]:
    """Merge consecutive streams, then clean them; drop what ends up empty."""
    merged: list[nbformat.NotebookNode] = []
    for output in outputs:
        output = _as_stream(output) or output
        previous = merged[-1] if merged else None
        if (
            output.output_type == "stream"
            and previous is not None
            and previous.output_type == "stream"
            and previous.name == output.name
        ):
            previous.text += output.text
        else:
            merged.append(output)
    cleaned = []
    for output in merged:
        if output.output_type == "stream":
            output.text = clean_text(output.text, scratch)
            if not output.text.strip():
                continue
        elif output.output_type == "execute_result":
            plain = output.get("data", {}).get("text/plain")
            if plain is not None:
                output.data = {"text/plain": clean_text(plain, scratch)}
        elif output.output_type == "error":
            output.traceback = [clean_text(line, scratch) for line in output.traceback]
        cleaned.append(output)
    return cleaned
