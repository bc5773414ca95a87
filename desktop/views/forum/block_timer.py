"""The clock of a session's block: counts down, pauses, takes one more minute."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer


def clock_text(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


class BlockTimer:
    """Counts down the current block; pausing keeps the time left; +1 minute extends it."""

    def __init__(self) -> None:
        self._elapsed = QElapsedTimer()
        self._spent_before = 0  # milliseconds used before the last start
        self.running = False
        self.extra_minutes = 0

    def start(self) -> None:
        if not self.running:
            self._elapsed.start()
            self.running = True

    def pause(self) -> None:
        if self.running:
            self._spent_before += self._elapsed.elapsed()
            self.running = False

    def reset(self) -> None:
        self._spent_before = 0
        self.running = False
        self.extra_minutes = 0

    def spent_ms(self) -> int:
        return self._spent_before + (self._elapsed.elapsed() if self.running else 0)

    def left_seconds(self, minutes: int) -> int:
        return (minutes + self.extra_minutes) * 60 - self.spent_ms() // 1000
