"""Where the history has no official rate near the day a pair is about, the finding says
so (MF008, info) instead of calling the pair implausible (issue 10, point 6). MF007 stays
for pairs that no rate in the whole history explains.

The bundled MXN history starts on 2021-01-01; USD starts on 1996-09-02.
"""

from __future__ import annotations

import datetime as dt

from moneyfix.check import check_text


def test_an_article_dated_before_the_currencys_history_is_not_called_implausible() -> None:
    text = "The grant is 3 billion tenge (MXN 30 million) this year."
    (finding,) = check_text(text, date=dt.date(2019, 6, 1))
    assert (finding.code, finding.severity) == ("MF008", "info")
    assert "is dated 2019-06-01, before the history starts (2021-01-01)" in finding.message


def test_a_period_named_before_the_history_is_not_called_implausible() -> None:
    text = "Back in 1994 a flat cost 1,200,000 tenge ($30,000)."
    (finding,) = check_text(text, date=dt.date(2020, 1, 10))
    assert (finding.code, finding.severity) == ("MF008", "info")
    assert "names 1994, before the history starts (1996-09-02)" in finding.message


def test_a_pair_no_rate_of_the_history_explains_is_implausible() -> None:
    text = "A flat costs 1,200,000 tenge ($30,000)."
    (finding,) = check_text(text, date=dt.date(2020, 1, 10))
    assert (finding.code, finding.severity) == ("MF007", "error")
