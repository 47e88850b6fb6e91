"""N007: note markers on the usual side of punctuation."""

from __future__ import annotations

from helpers import fixed, run

from loccit.rules.notes.punctuation import check_marker_punctuation

NOTES = "\n\n" + "".join(f"[^{i}]: Source {i}.\n" for i in range(1, 6))


def test_minority_placement_is_flagged_and_fixed() -> None:
    essay = "One.[^1] Two.[^2] Three[^3]. Four,[^4] and five[^5], six." + NOTES
    assert run(check_marker_punctuation, essay) == [
        (1, 'note marker "[^3]" comes before "."; the essay puts markers after it'),
        (1, 'note marker "[^5]" comes before ","; the essay puts markers after it'),
    ]
    assert fixed(check_marker_punctuation, essay).startswith(
        "One.[^1] Two.[^2] Three.[^3] Four,[^4] and five,[^5] six."
    )


def test_sentence_and_inner_marks_keep_separate_habits() -> None:
    essay = "One.[^1] Two.[^2] Three[^3], four[^4], five.[^5]" + NOTES
    assert run(check_marker_punctuation, essay) == []


def test_quote_before_marker_and_ellipsis() -> None:
    essay = "“Freer.”[^1] “Freer.”[^2] “Free”[^3]. And so…[^4] and more...[^5]" + NOTES
    assert run(check_marker_punctuation, essay) == [
        (1, 'note marker "[^3]" comes before "."; the essay puts markers after it'),
    ]


def test_runs_of_markers_count_once() -> None:
    essay = "One[^1][^2]. Two[^3]. Three.[^4][^5]" + NOTES
    assert run(check_marker_punctuation, essay) == [
        (1, 'note marker "[^4][^5]" comes after "."; the essay puts markers before it'),
    ]
