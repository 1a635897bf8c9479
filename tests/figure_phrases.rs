//! The figure reader against phrases from the seeds and from other news writing: each phrase
//! must give exactly the figures listed, with their text, interval (in the notation of
//! `Interval`'s Display: `[a, b]`, `(a, ∞)`, `~` for approximate) and kind.

use claimcheck::figures::{Reader, find_figures, read_value};

/// (figure text, interval, kind) of each figure a phrase holds; empty means "no figure here".
type Expected = &'static [(&'static str, &'static str, &'static str)];

const PHRASES: &[(&str, Expected)] = &[
    // Plain numbers, separators, decimals (seeds and news).
    ("resulted in 120 victims", &[("120", "[120, 120]", "count")]),
    ("in which 137 people were killed", &[("137", "[137, 137]", "count")]),
    ("numbering 3,417", &[("3,417", "[3417, 3417]", "count")]),
    ("there were 3,244 fighters", &[("3,244", "[3244, 3244]", "count")]),
    ("3,000 from Jordan", &[("3,000", "[3000, 3000]", "count")]),
    ("lives of 613 people", &[("613", "[613, 613]", "count")]),
    ("1,500 Russian and Uzbek troops", &[("1,500", "[1500, 1500]", "count")]),
    ("2,500 Russian, Tajik, and Uzbek troops", &[("2,500", "[2500, 2500]", "count")]),
    ("a 1.5 rise", &[("1.5", "[1.5, 1.5]", "count")]),
    ("12,345,678 voters", &[("12,345,678", "[12345678, 12345678]", "count")]),
    ("killed 11 Iranian diplomats", &[("11", "[11, 11]", "count")]),
    ("and 43 injured", &[("43", "[43, 43]", "count")]),
    ("Russia Says 6 IS Fighters Killed", &[("6", "[6, 6]", "count")]),
    ("0.75 of the vote", &[("0.75", "[0.75, 0.75]", "count")]),
    ("3,000.5 tonnes", &[("3,000.5 tonnes", "[3000.5, 3000.5]", "measure")]),
    // Number words.
    ("fifteen jihadis", &[("fifteen", "[15, 15]", "count")]),
    ("killed twenty-three inmates", &[("twenty-three", "[23, 23]", "count")]),
    ("twenty-nine inmates", &[("twenty-nine", "[29, 29]", "count")]),
    ("one hundred and twenty hostages", &[("one hundred and twenty", "[120, 120]", "count")]),
    ("a hundred people", &[("a hundred", "[100, 100]", "count")]),
    ("a dozen villages", &[("a dozen", "[12, 12]", "count")]),
    ("two dozen soldiers", &[("two dozen", "[24, 24]", "count")]),
    ("Four Tajiks militants", &[("Four", "[4, 4]", "count")]),
    ("launched ten rockets", &[("ten", "[10, 10]", "count")]),
    ("seven rockets were launched", &[("seven", "[7, 7]", "count")]),
    ("three nearly simultaneous suicide bombings", &[("three", "[3, 3]", "count")]),
    ("two Russian nationals", &[("two", "[2, 2]", "count")]),
    ("thirteen people", &[("thirteen", "[13, 13]", "count")]),
    ("ninety-nine cents", &[("ninety-nine cents", "[0.99, 0.99]", "money")]),
    ("two thousand five hundred troops", &[("two thousand five hundred", "[2500, 2500]", "count")]),
    ("three million people", &[("three million", "[3000000, 3000000]", "count")]),
    ("a thousand homes", &[("a thousand", "[1000, 1000]", "count")]),
    ("a million refugees", &[("a million", "[1000000, 1000000]", "count")]),
    ("forty thousand", &[("forty thousand", "[40000, 40000]", "count")]),
    ("one hundred", &[("one hundred", "[100, 100]", "count")]),
    ("sixty-five years", &[("sixty-five years", "[65, 65]", "duration")]),
    // Scale words and suffixes.
    ("1.2 million people", &[("1.2 million", "[1200000, 1200000]", "count")]),
    ("$1.5 billion", &[("$1.5 billion", "[1500000000, 1500000000]", "money")]),
    ("release of \\$1.5 billion to support", &[("$1.5 billion", "[1500000000, 1500000000]", "money")]),
    ("a 3bn deal", &[("3bn", "[3000000000, 3000000000]", "count")]),
    ("$3bn in aid", &[("$3bn", "[3000000000, 3000000000]", "money")]),
    ("1.2m viewers", &[("1.2m", "[1200000, 1200000]", "count")]),
    ("40k fans", &[("40k", "[40000, 40000]", "count")]),
    ("2 bn roubles", &[("2 bn roubles", "[2000000000, 2000000000]", "money")]),
    ("£20 million", &[("£20 million", "[20000000, 20000000]", "money")]),
    ("€5bn", &[("€5bn", "[5000000000, 5000000000]", "money")]),
    ("USD87.04", &[("USD87.04", "[87.04, 87.04]", "money")]),
    ("EUR93.30", &[("EUR93.30", "[93.3, 93.3]", "money")]),
    ("40 million dollars", &[("40 million dollars", "[40000000, 40000000]", "money")]),
    ("2.5 trillion", &[("2.5 trillion", "[2500000000000, 2500000000000]", "count")]),
    ("5 thousand", &[("5 thousand", "[5000, 5000]", "count")]),
    // Comparatives.
    ("over 300 people", &[("over 300", "(300, ∞)", "count")]),
    ("lives of over 500,000 people", &[("over 500,000", "(500000, ∞)", "count")]),
    ("claimed over 140 lives", &[("over 140", "(140, ∞)", "count")]),
    ("more than 300 Tajik militants", &[("more than 300", "(300, ∞)", "count")]),
    ("more than 37 injuries", &[("more than 37", "(37, ∞)", "count")]),
    ("in excess of 5,000", &[("in excess of 5,000", "(5000, ∞)", "count")]),
    ("upwards of 200 people", &[("upwards of 200", "(200, ∞)", "count")]),
    ("well over 1,000 homes", &[("well over 1,000", "(1000, ∞)", "count")]),
    ("above 300", &[("above 300", "(300, ∞)", "count")]),
    ("greater than 50", &[("greater than 50", "(50, ∞)", "count")]),
    ("at least four Russian troops", &[("at least four", "[4, ∞)", "count")]),
    ("At least one instance", &[("At least one", "[1, ∞)", "count")]),
    ("a minimum of 20 people", &[("a minimum of 20", "[20, ∞)", "count")]),
    ("no fewer than 12", &[("no fewer than 12", "[12, ∞)", "count")]),
    ("no less than 40", &[("no less than 40", "[40, ∞)", "count")]),
    ("fewer than 10 people", &[("fewer than 10", "(-∞, 10)", "count")]),
    ("less than 5", &[("less than 5", "(-∞, 5)", "count")]),
    ("under 18", &[("under 18", "(-∞, 18)", "count")]),
    ("below 100", &[("below 100", "(-∞, 100)", "count")]),
    ("up to 200 fighters", &[("up to 200", "(-∞, 200]", "count")]),
    ("at most 3", &[("at most 3", "(-∞, 3]", "count")]),
    ("no more than 50", &[("no more than 50", "(-∞, 50]", "count")]),
    ("as many as 400 people", &[("as many as 400", "(-∞, 400]", "count")]),
    ("nearly 2,000", &[("nearly 2,000", "~[1800, 2000)", "count")]),
    ("almost 100 people", &[("almost 100", "~[90, 100)", "count")]),
    ("just under 50", &[("just under 50", "~[45, 50)", "count")]),
    ("just over 200", &[("just over 200", "~(200, 220]", "count")]),
    ("more than a dozen audio speeches", &[("more than a dozen", "(12, ∞)", "count")]),
    (">140", &[(">140", "(140, ∞)", "count")]),
    ("≥ 10", &[("≥ 10", "[10, ∞)", "count")]),
    ("<5", &[("<5", "(-∞, 5)", "count")]),
    ("300+ casualties", &[("300+", "[300, ∞)", "count")]),
    ("100 or more", &[("100 or more", "[100, ∞)", "count")]),
    ("50 or fewer", &[("50 or fewer", "(-∞, 50]", "count")]),
    ("more than 25%", &[("more than 25%", "(25, ∞)", "percent")]),
    // Approximations.
    ("killed around 30 people", &[("around 30", "~[27, 33]", "count")]),
    ("injured about hundred", &[("about hundred", "~[90, 110]", "count")]),
    ("About 700,000 people emigrated", &[("About 700,000", "~[630000, 770000]", "count")]),
    ("Around 500 Russian motorized infantry troops", &[("Around 500", "~[450, 550]", "count")]),
    ("some 300 families", &[("some 300", "~[270, 330]", "count")]),
    ("roughly 1,000", &[("roughly 1,000", "~[900, 1100]", "count")]),
    ("approximately 40", &[("approximately 40", "~[36, 44]", "count")]),
    ("an estimated 2,000 fighters", &[("an estimated 2,000", "~[1800, 2200]", "count")]),
    ("~30", &[("~30", "~[27, 33]", "count")]),
    ("about a dozen", &[("about a dozen", "~[10.8, 13.2]", "count")]),
    ("close to 60", &[("close to 60", "~[54, 66]", "count")]),
    ("about 200-300 people", &[("about 200-300", "~[180, 330]", "count")]),
    // Ranges.
    ("between 200 and 300 people", &[("between 200 and 300", "[200, 300]", "count")]),
    ("200-300 people", &[("200-300", "[200, 300]", "count")]),
    ("13 – 46 dead", &[("13 – 46", "[13, 46]", "count")]),
    ("between 1 and 2 million", &[("between 1 and 2 million", "[1000000, 2000000]", "count")]),
    ("two or three attacks", &[("two or three", "[2, 3]", "count")]),
    ("10 to 15 people", &[("10 to 15", "[10, 15]", "count")]),
    ("from 40 to 60", &[("from 40 to 60", "[40, 60]", "count")]),
    ("5-10 years", &[("5-10 years", "[5, 10]", "duration")]),
    ("$2-3 billion", &[("$2-3 billion", "[2000000000, 3000000000]", "money")]),
    // Vague quantities.
    ("dozens of people", &[("dozens", "~[24, 100)", "count")]),
    ("has hundreds of subscribers", &[("hundreds", "~[200, 1000)", "count")]),
    ("thousands fled", &[("thousands", "~[2000, 10000)", "count")]),
    ("absorbed tens of thousands of people", &[("tens of thousands", "~[10000, 100000)", "count")]),
    ("hundreds of thousands", &[("hundreds of thousands", "~[100000, 1000000)", "count")]),
    ("tens of millions", &[("tens of millions", "~[10000000, 100000000)", "count")]),
    ("displaced millions more", &[("millions", "~[2000000, 10000000)", "count")]),
    ("Given a few million people", &[("a few million", "~[2000000, 5000000]", "count")]),
    ("several hundred", &[("several hundred", "~[300, 900]", "count")]),
    ("a few thousand", &[("a few thousand", "~[2000, 5000]", "count")]),
    ("more than a few hundred", &[("more than a few hundred", "~(200, ∞)", "count")]),
    // Shares.
    ("half of which were children", &[("half", "[0.5, 0.5]", "fraction")]),
    ("more than half", &[("more than half", "(0.5, 1]", "fraction")]),
    ("approximately more than half of the Russians", &[("approximately more than half", "~(0.5, 1]", "fraction")]),
    ("a third of the budget", &[("a third", "[0.333333333333, 0.333333333333]", "fraction")]),
    ("two thirds", &[("two thirds", "[0.666666666667, 0.666666666667]", "fraction")]),
    ("three quarters", &[("three quarters", "[0.75, 0.75]", "fraction")]),
    ("less than half", &[("less than half", "[0, 0.5)", "fraction")]),
    ("25%", &[("25%", "[25, 25]", "percent")]),
    ("12.5 percent", &[("12.5 percent", "[12.5, 12.5]", "percent")]),
    ("40 per cent", &[("40 per cent", "[40, 40]", "percent")]),
    ("about 60%", &[("about 60%", "~[54, 66]", "percent")]),
    // Units: measures and durations.
    ("547 square kilometers of territory", &[("547 square kilometers", "[547, 547]", "measure")]),
    ("fifteen miles from", &[("fifteen miles", "[15, 15]", "measure")]),
    ("a 10km march", &[("10km", "[10, 10]", "measure")]),
    ("within 48 hours", &[("48 hours", "[48, 48]", "duration")]),
    ("exactly two weeks before", &[("two weeks", "[2, 2]", "duration")]),
    ("for at least eight years", &[("at least eight years", "[8, ∞)", "duration")]),
    ("occurred 20 years after", &[("20 years", "[20, 20]", "duration")]),
    ("its seven-year-long conflict", &[("seven-year", "[7, 7]", "duration")]),
    ("ten years ago", &[("ten years", "[10, 10]", "duration")]),
    ("a 20-day siege", &[("20-day", "[20, 20]", "duration")]),
    // Years, dates and ordinals are no counts.
    ("Also in 2004 was a siege", &[("2004", "[2004, 2004]", "year")]),
    ("Soviet-Afghan War (1979-1989)", &[("1979-1989", "[1979, 1989]", "year")]),
    ("Tajik Civil War (1992-1997)", &[("1992-1997", "[1992, 1997]", "year")]),
    ("between 2002 and 2004", &[("between 2002 and 2004", "[2002, 2004]", "year")]),
    ("from 2016 to 2019", &[("from 2016 to 2019", "[2016, 2019]", "year")]),
    ("in the 1990s", &[("1990s", "[1990, 1999]", "year")]),
    ("since 2014", &[("2014", "[2014, 2014]", "year")]),
    ("On 22 March 2024, a major terrorist attack", &[("22 March 2024", "[2024, 2024]", "date")]),
    ("On September 27, 1996", &[("September 27, 1996", "[1996, 1996]", "date")]),
    ("On March 8, exactly", &[("March 8", "(-∞, ∞)", "date")]),
    ("In early August 1995", &[("August 1995", "[1995, 1995]", "date")]),
    ("in January of 2000", &[("January of 2000", "[2000, 2000]", "date")]),
    ("on 7 May 2022, seven rockets", &[("7 May 2022", "[2022, 2022]", "date"), ("seven", "[7, 7]", "count")]),
    ("published 2024-03-22", &[("2024-03-22", "[2024, 2024]", "date")]),
    ("part of the 21st century", &[("21st", "[21, 21]", "ordinal")]),
    ("the third attack", &[("third", "[3, 3]", "ordinal")]),
    ("the first time", &[("first", "[1, 1]", "ordinal")]),
    ("over 2000 people", &[("over 2000", "(2000, ∞)", "count")]),
    // No figure at all.
    ("one of the few countries", &[]),
    ("no one was hurt", &[]),
    ("The next few years saw", &[]),
    ("supplying it with Su-35 fighters", &[]),
    ("Shayrat and Tiyas (T4), along with", &[]),
    ("OIL85.35", &[]),
    ("at 19:32 local time", &[]),
    ("main targets.<sup>1</sup> The terror", &[]),
    ("of Bishkek and Osh.^{10}", &[]),
    ("a COVID-19 outbreak", &[]),
    ("citing the above examples", &[]),
    ("several nations", &[]),
    ("handed over in", &[]),
    ("open 24/7", &[]),
    ("version 1.2.3", &[]),
];

#[test]
fn every_phrase_reads_as_expected() {
    assert!(PHRASES.len() >= 150, "the table holds {} phrases", PHRASES.len());
    let mut failures = Vec::new();
    for (phrase, expected) in PHRASES {
        let found: Vec<(String, String, String)> =
            find_figures(phrase).into_iter().map(|f| (f.text, f.interval.to_string(), f.kind.name().to_string())).collect();
        let expected: Vec<(String, String, String)> = expected.iter().map(|(t, i, k)| (t.to_string(), i.to_string(), k.to_string())).collect();
        if found != expected {
            failures.push(format!("{phrase:?}\n  expected {expected:?}\n     found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} phrases misread:\n{}", failures.len(), PHRASES.len(), failures.join("\n"));
}

#[test]
fn offsets_are_code_points() {
    let text = "“Крокус” claimed over 140 lives";
    let figures = find_figures(text);
    assert_eq!(figures.len(), 1);
    let figure = &figures[0];
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[figure.start..figure.end].iter().collect::<String>(), "over 140");
    assert_eq!((figure.start, figure.end), (17, 25));
}

#[test]
fn tolerance_is_a_parameter() {
    let figures = Reader::new(0.2).find("about 30");
    assert_eq!(figures[0].interval.to_string(), "~[24, 36]");
}

#[test]
fn analyst_values_read_as_one_figure() {
    let cases = [
        ("over 300", "(300, ∞)"),
        (">140", "(140, ∞)"),
        ("137-145", "[137, 145]"),
        ("two", "[2, 2]"),
        ("one", "[1, 1]"),
        ("half", "[0.5, 0.5]"),
        ("about 2,000", "~[1800, 2200]"),
        ("2000", "[2000, 2000]"),
        ("$1.5 billion", "[1500000000, 1500000000]"),
        ("more than a dozen", "(12, ∞)"),
        ("a few million", "~[2000000, 5000000]"),
    ];
    for (value, expected) in cases {
        let figure = read_value(value, 0.1).unwrap_or_else(|error| panic!("{value}: {error:?}"));
        assert_eq!(figure.interval.to_string(), expected, "{value}");
    }
    assert!(read_value("many", 0.1).is_err());
    assert!(read_value("3 or 4 and 7", 0.1).is_err());
}
