// SPDX-License-Identifier: MIT
#include "fields/dates.hpp"

#include <doctest/doctest.h>

#include <string>

using docextract::DateOrder;
using docextract::detail::DateOrderEvidence;
using docextract::detail::find_dates;
using docextract::detail::parse_date;

namespace {

std::string iso(std::string_view text, DateOrder order = DateOrder::automatic) {
    const auto d = parse_date(text, order);
    return d ? d->iso() : std::string("none");
}

} // namespace

TEST_SUITE("fields.dates") {
    TEST_CASE("ISO and year-first dates") {
        CHECK(iso("2024-03-05") == "2024-03-05");
        CHECK(iso("Date: 2018/01/05 10:20") == "2018-01-05");
        CHECK(iso("2024.12.31") == "2024-12-31");
    }

    TEST_CASE("numeric dates read day-first unless told otherwise") {
        CHECK(iso("05/03/2024") == "2024-03-05");
        CHECK(iso("05/03/2024", DateOrder::month_first) == "2024-05-03");
        CHECK(iso("05/03/2024", DateOrder::day_first) == "2024-03-05");
        CHECK(iso("11.07.2020") == "2020-07-11");
        CHECK(iso("11-07-2020") == "2020-07-11");
        CHECK(iso("9/3/2018") == "2018-03-09");
        CHECK(iso("8-9-2022") == "2022-09-08");
    }

    TEST_CASE("an impossible reading is never chosen") {
        CHECK(iso("12/31/2018") == "2018-12-31");                         // only month-first is valid
        CHECK(iso("31/12/2018", DateOrder::month_first) == "2018-12-31"); // only day-first is valid
        CHECK(iso("03/20/2023") == "2023-03-20");
    }

    TEST_CASE("two-digit years") {
        CHECK(iso("12-03-18") == "2018-03-12");
        CHECK(iso("29/12/99") == "1999-12-29");
        CHECK(iso("25 MAR 18") == "2018-03-25");
    }

    TEST_CASE("month names in English, German, Dutch, French, Spanish and Malay") {
        CHECK(iso("25 MAR 2018") == "2018-03-25");
        CHECK(iso("Jul 11, 2020") == "2020-07-11");
        CHECK(iso("July 11th 2020") == "2020-07-11");
        CHECK(iso("11-Jul-2020") == "2020-07-11");
        CHECK(iso("11 July 2020") == "2020-07-11");
        CHECK(iso("11. Juli 2020") == "2020-07-11");
        CHECK(iso("3. März 2021") == "2021-03-03");
        CHECK(iso("3. MÄRZ 2021") == "2021-03-03");
        CHECK(iso("15 juni 2024") == "2024-06-15");
        CHECK(iso("19 april 2014") == "2014-04-19");
        CHECK(iso("7 sept. 2024") == "2024-09-07");
        CHECK(iso("12 décembre 2024") == "2024-12-12");
        CHECK(iso("1er août 2023") == "2023-08-01");
        CHECK(iso("11 de julio de 2020") == "2020-07-11");
        CHECK(iso("28 de junio de 2020") == "2020-06-28");
        CHECK(iso("5 Ogos 2019") == "2019-08-05");
        CHECK(iso("Jan 1, 2022") == "2022-01-01");
    }

    TEST_CASE("compact dates") {
        CHECK(iso("20180105") == "2018-01-05");
        CHECK(iso("20181305") == "none");
    }

    TEST_CASE("implausible or impossible dates are rejected") {
        CHECK(iso("31/02/2020") == "none");
        CHECK(iso("01/01/1985") == "none");
        CHECK(iso("29/02/2023") == "none");
        CHECK(iso("29/02/2024") == "2024-02-29");
        CHECK(iso("Qty 1.5") == "none");
        CHECK(iso("Tel 03-5121 3881") == "none");
        CHECK(iso("12:30") == "none");
    }

    TEST_CASE("find_dates reports spans, forms and both readings") {
        const std::string line = "Invoice date 05/03/2024  Due 2024-04-04";
        const auto dates = find_dates(line);
        REQUIRE(dates.size() == 2);
        CHECK(dates[0].span.in(line) == "05/03/2024");
        CHECK(dates[0].form == docextract::detail::DateForm::numeric);
        CHECK(dates[0].ambiguous());
        CHECK(dates[0].day_first->iso() == "2024-03-05");
        CHECK(dates[0].month_first->iso() == "2024-05-03");
        CHECK(dates[1].form == docextract::detail::DateForm::iso);
        CHECK_FALSE(dates[1].ambiguous());
        CHECK_FALSE(find_dates("05/05/2024").front().ambiguous()); // both readings agree
        CHECK_FALSE(find_dates("25/05/2024").front().ambiguous());
    }

    TEST_CASE("an OCR'd date that is no real one is read again with one digit changed") {
        using docextract::detail::latest_document_year;
        const auto repaired = [](std::string_view text) {
            const auto dates = find_dates(text, true);
            if (dates.size() != 1 || !dates.front().repaired) {
                return std::string("not repaired");
            }
            return dates.front().resolve(DateOrder::automatic)->iso();
        };
        // A day that cannot be (0 read as 9), a year decades ahead of today (1 read as 7 or 4).
        CHECK(find_dates("Date: 92/02/2018").empty());
        CHECK(repaired("Date: 92/02/2018") == "2018-02-02");
        CHECK(repaired("Date: 11/05/2078") == "2018-05-11");
        CHECK(repaired("RECEIPT NO. [00522899] 19/01/47 10:48") == "2017-01-19");
        CHECK(repaired("27 March, 2078") == "2018-03-27");
        // A lost separator.
        CHECK(repaired("Salesperson Date: 1202/2018") == "2018-02-12");
        CHECK(repaired("12/022018") == "2018-02-12");
        // Without repair the far year stands; with it a date of this year is no repair.
        REQUIRE(find_dates("11/05/2078").size() == 1);
        CHECK(find_dates("11/05/2078").front().day_first->year == 2078);
        const std::string this_year = "03/04/" + std::to_string(latest_document_year() - 2);
        REQUIRE(find_dates(this_year, true).size() == 1);
        CHECK_FALSE(find_dates(this_year, true).front().repaired);
        // Not dates: a version number, a day that no single digit saves, a date past the horizon beyond repair.
        CHECK(find_dates("Version 91.1.15_C", true).empty());
        CHECK(find_dates("55/55/2018", true).empty());
        CHECK(find_dates("01/01/2999", true).empty());
    }

    TEST_CASE("month_from_name") {
        using docextract::detail::month_from_name;
        CHECK(month_from_name("sept.") == 9);
        CHECK(month_from_name("März") == 3);
        CHECK(month_from_name("MÄRZ") == 3);
        CHECK(month_from_name("décembre") == 12);
        CHECK(month_from_name("Mei") == 5);
        CHECK(month_from_name("julio") == 7);
        CHECK(month_from_name("Smarch") == 0);
    }

    TEST_CASE("decide_date_order weighs other dates, then language, then currency") {
        using docextract::detail::DateOrderHints;
        using docextract::detail::decide_date_order;
        const auto ambiguous = find_dates("03/04/2024");
        auto with = [&](std::string_view other) {
            auto all = ambiguous;
            for (auto& d : find_dates(other)) {
                all.push_back(d);
            }
            return all;
        };
        auto d = decide_date_order(ambiguous, DateOrderHints{});
        CHECK(d.order == DateOrder::day_first);
        CHECK(d.evidence == DateOrderEvidence::none);
        d = decide_date_order(ambiguous, DateOrderHints{0, "USD"});
        CHECK(d.order == DateOrder::month_first);
        CHECK(d.evidence == DateOrderEvidence::currency);
        d = decide_date_order(ambiguous, DateOrderHints{0, "EUR"});
        CHECK(d.order == DateOrder::day_first);
        d = decide_date_order(ambiguous, DateOrderHints{2, "USD"});
        CHECK(d.order == DateOrder::day_first);
        CHECK(d.evidence == DateOrderEvidence::language);
        d = decide_date_order(with("04/17/2024"), DateOrderHints{2, "EUR"});
        CHECK(d.order == DateOrder::month_first);
        CHECK(d.evidence == DateOrderEvidence::other_dates);
        d = decide_date_order(with("17/04/2024"), DateOrderHints{0, "USD"});
        CHECK(d.order == DateOrder::day_first);
        CHECK(d.evidence == DateOrderEvidence::other_dates);
        // Contradicting dates are no evidence.
        d = decide_date_order(with("17/04/2024 04/17/2024"), DateOrderHints{0, "USD"});
        CHECK(d.evidence == DateOrderEvidence::currency);
    }
}
