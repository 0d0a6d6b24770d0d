import tidings


def test_public_api_lists_exactly_what_it_exports():
    assert sorted(tidings.__all__) == sorted(
        ["Article", "Dateline", "Pipeline", "Problem", "Reject", "Span", "Timex", "__version__"]
    )
    for name in tidings.__all__:
        assert hasattr(tidings, name)


def test_pipeline_analyse_reads_headers_and_dateline_from_plain_text():
    article = tidings.Pipeline().analyse(
        "date 2024-11-15 Talks in Lima\n\nLIMA, Nov. 15 (Xinhua) -- The two presidents met."
    )
    assert article.title == "Talks in Lima"
    assert article.published == "2024-11-15"
    assert article.agency == "Xinhua"
    assert article.dateline.place == "Lima"
