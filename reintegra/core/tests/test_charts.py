from reintegra.core.charts import Segment, stacked_segments


def test_segments_follow_each_other_in_proportion_to_their_counts():
    parts = [("a", 2, "#111"), ("b", 0, "#222"), ("c", 1, "#333")]
    assert stacked_segments(parts, 300) == [
        Segment("a", 0, 200, 2, "#111"),
        Segment("b", 200, 0, 0, "#222"),
        Segment("c", 200, 100, 1, "#333"),
    ]


def test_a_bar_with_nothing_counted_has_no_width():
    segments = stacked_segments([("a", 0, "#111"), ("b", 0, "#222")], 400)
    assert [segment.width for segment in segments] == [0, 0]
    assert [segment.x for segment in segments] == [0, 0]


def test_a_segment_unpacks_as_the_templates_read_it():
    [(key, x, width, count, fill)] = stacked_segments([("only", 5, "#abc")], 120)
    assert (key, x, width, count, fill) == ("only", 0, 120, 5, "#abc")
