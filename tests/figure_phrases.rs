//! The figure reader against phrases from the seeds and from other news writing: each phrase
//! must give exactly the figures listed, with their text, interval (in the notation of
//! `Interval`'s Display: `[a, b]`, `(a, ∞)`, `~` for approximate) and kind.

use claimcheck::figures::{Reader, find_figures, read_value};

/// (figure text, interval, kind) of each figure a phrase holds; empty means "no figure here".
/// Money's kind names its currency: `money USD`, or `money` alone when the text names none.
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
    ("ninety-nine cents", &[("ninety-nine cents", "[0.99, 0.99]", "money USD")]),
    ("two thousand five hundred troops", &[("two thousand five hundred", "[2500, 2500]", "count")]),
    ("three million people", &[("three million", "[3000000, 3000000]", "count")]),
    ("a thousand homes", &[("a thousand", "[1000, 1000]", "count")]),
    ("a million refugees", &[("a million", "[1000000, 1000000]", "count")]),
    ("forty thousand", &[("forty thousand", "[40000, 40000]", "count")]),
    ("one hundred", &[("one hundred", "[100, 100]", "count")]),
    ("sixty-five years", &[("sixty-five years", "[65, 65]", "duration")]),
    // Scale words and suffixes.
    ("1.2 million people", &[("1.2 million", "[1200000, 1200000]", "count")]),
    ("$1.5 billion", &[("$1.5 billion", "[1500000000, 1500000000]", "money USD")]),
    ("release of \\$1.5 billion to support", &[("$1.5 billion", "[1500000000, 1500000000]", "money USD")]),
    ("a 3bn deal", &[("3bn", "[3000000000, 3000000000]", "count")]),
    ("$3bn in aid", &[("$3bn", "[3000000000, 3000000000]", "money USD")]),
    ("1.2m viewers", &[("1.2m", "[1200000, 1200000]", "count")]),
    ("40k fans", &[("40k", "[40000, 40000]", "count")]),
    ("2 bn roubles", &[("2 bn roubles", "[2000000000, 2000000000]", "money RUB")]),
    ("£20 million", &[("£20 million", "[20000000, 20000000]", "money GBP")]),
    ("€5bn", &[("€5bn", "[5000000000, 5000000000]", "money EUR")]),
    ("USD87.04", &[("USD87.04", "[87.04, 87.04]", "money USD")]),
    ("EUR93.30", &[("EUR93.30", "[93.3, 93.3]", "money EUR")]),
    ("40 million dollars", &[("40 million dollars", "[40000000, 40000000]", "money USD")]),
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
    ("$2-3 billion", &[("$2-3 billion", "[2000000000, 3000000000]", "money USD")]),
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
    let all: Vec<&(&str, Expected)> = PHRASES.iter().chain(BROAD).chain(NO_FIGURE).collect();
    assert!(all.len() >= 500, "the tables hold {} phrases", all.len());
    let mut failures = Vec::new();
    for (phrase, expected) in &all {
        let found: Vec<(String, String, String)> = find_figures(phrase)
            .into_iter()
            .map(|f| {
                let kind = match f.currency {
                    Some(code) => format!("{} {code}", f.kind.name()),
                    None => f.kind.name().to_string(),
                };
                (f.text, f.interval.to_string(), kind)
            })
            .collect();
        let expected: Vec<(String, String, String)> = expected.iter().map(|(t, i, k)| (t.to_string(), i.to_string(), k.to_string())).collect();
        if found != expected {
            failures.push(format!("{phrase:?}\n  expected {expected:?}\n     found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} phrases misread:\n{}", failures.len(), all.len(), failures.join("\n"));
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

/// The families of issue 9, beyond the seeds: comparatives in every form, signs, fractions,
/// scales and notations, word decimals, currencies, percentages and points, ranges.
const BROAD: &[(&str, Expected)] = &[
    // Comparatives, written out and in symbols.
    ("less than or equal to 100", &[("less than or equal to 100", "(-∞, 100]", "count")]),
    ("greater than or equal to 50", &[("greater than or equal to 50", "[50, ∞)", "count")]),
    ("more than or equal to 7", &[("more than or equal to 7", "[7, ∞)", "count")]),
    ("equal to or greater than 3", &[("equal to or greater than 3", "[3, ∞)", "count")]),
    ("equal to or less than 9", &[("equal to or less than 9", "(-∞, 9]", "count")]),
    ("costs exceed 3000", &[("exceed 3000", "(3000, ∞)", "count")]),
    ("the toll exceeds 40", &[("exceeds 40", "(40, ∞)", "count")]),
    ("exceeding 1,000 deaths", &[("exceeding 1,000", "(1000, ∞)", "count")]),
    ("200 or greater", &[("200 or greater", "[200, ∞)", "count")]),
    ("50 or above", &[("50 or above", "[50, ∞)", "count")]),
    ("12 or higher", &[("12 or higher", "[12, ∞)", "count")]),
    ("10 or less", &[("10 or less", "(-∞, 10]", "count")]),
    ("5 or below", &[("5 or below", "(-∞, 5]", "count")]),
    ("8 or lower", &[("8 or lower", "(-∞, 8]", "count")]),
    ("larger than 10 and smaller than 20", &[("larger than 10 and smaller than 20", "(10, 20)", "count")]),
    ("above 1000 and below 1500", &[("above 1000 and below 1500", "(1000, 1500)", "count")]),
    ("at least 5 and at most 10", &[("at least 5 and at most 10", "[5, 10]", "count")]),
    ("more than 10 but fewer than 20", &[("more than 10 but fewer than 20", "(10, 20)", "count")]),
    ("less than 20 and more than 10", &[("less than 20 and more than 10", "(10, 20)", "count")]),
    (">= 10", &[(">= 10", "[10, ∞)", "count")]),
    ("<= 5", &[("<= 5", "(-∞, 5]", "count")]),
    ("≤5", &[("≤5", "(-∞, 5]", "count")]),
    ("≥ 2.5", &[("≥ 2.5", "[2.5, ∞)", "count")]),
    ("> 1,000", &[("> 1,000", "(1000, ∞)", "count")]),
    ("well above 2,000", &[("well above 2,000", "(2000, ∞)", "count")]),
    ("far below 100", &[("far below 100", "(-∞, 100)", "count")]),
    ("significantly more than 500", &[("significantly more than 500", "(500, ∞)", "count")]),
    ("not more than 30", &[("not more than 30", "(-∞, 30]", "count")]),
    ("not exceeding 25", &[("not exceeding 25", "(-∞, 25]", "count")]),
    ("a maximum of 8", &[("a maximum of 8", "(-∞, 8]", "count")]),
    ("north of 10 million", &[("north of 10 million", "(10000000, ∞)", "count")]),
    ("18 and over", &[("18 and over", "[18, ∞)", "count")]),
    ("65 and above", &[("65 and above", "[65, ∞)", "count")]),
    ("300 and counting", &[("300 and counting", "[300, ∞)", "count")]),
    ("300-plus victims", &[("300-plus", "[300, ∞)", "count")]),
    ("300 plus", &[("300 plus", "[300, ∞)", "count")]),
    ("100 at most", &[("100 at most", "(-∞, 100]", "count")]),
    ("20 at least", &[("20 at least", "[20, ∞)", "count")]),
    ("at or above 5", &[("at or above 5", "[5, ∞)", "count")]),
    ("at or below 40", &[("at or below 40", "(-∞, 40]", "count")]),
    ("higher than 7", &[("higher than 7", "(7, ∞)", "count")]),
    ("lower than 3", &[("lower than 3", "(-∞, 3)", "count")]),
    ("bigger than 12", &[("bigger than 12", "(12, ∞)", "count")]),
    ("smaller than 4", &[("smaller than 4", "(-∞, 4)", "count")]),
    ("no greater than 15", &[("no greater than 15", "(-∞, 15]", "count")]),
    ("upto 60", &[("upto 60", "(-∞, 60]", "count")]),
    ("as much as 40%", &[("as much as 40%", "(-∞, 40]", "percent")]),
    ("fewer than 1 in 10", &[("fewer than 1 in 10", "[0, 0.1)", "fraction")]),
    // Hedges and their width.
    ("20 or so", &[("20 or so", "~[18, 22]", "count")]),
    ("30-ish", &[("30-ish", "~[27, 33]", "count")]),
    ("100 or thereabouts", &[("100 or thereabouts", "~[90, 110]", "count")]),
    ("40-odd years", &[("40-odd years", "~(40, 50)", "duration")]),
    ("just shy of 1,000", &[("just shy of 1,000", "~[900, 1000)", "count")]),
    ("slightly less than 50", &[("slightly less than 50", "~[45, 50)", "count")]),
    ("a little over 200", &[("a little over 200", "~(200, 220]", "count")]),
    ("in the neighbourhood of 500", &[("in the neighbourhood of 500", "~[450, 550]", "count")]),
    ("something like 80", &[("something like 80", "~[72, 88]", "count")]),
    ("nearly 0", &[("nearly 0", "~[0, 0]", "count")]),
    ("just over 0", &[("just over 0", "~[0, 0]", "count")]),
    ("about 0", &[("about 0", "~[0, 0]", "count")]),
    ("about -5", &[("about -5", "~[-5.5, -4.5]", "count")]),
    ("nearly -20", &[("nearly -20", "~(-20, -18]", "count")]),
    ("≈ 3.2", &[("≈ 3.2", "~[2.88, 3.52]", "count")]),
    // Signs.
    ("-5%", &[("-5%", "[-5, -5]", "percent")]),
    ("fell -9.23", &[("-9.23", "[-9.23, -9.23]", "count")]),
    ("minus 10 degrees", &[("minus 10 degrees", "[-10, -10]", "measure")]),
    ("more than -5", &[("more than -5", "(-5, ∞)", "count")]),
    ("<-30", &[("<-30", "(-∞, -30)", "count")]),
    ("negative ten", &[("negative ten", "[-10, -10]", "count")]),
    ("between negative ten and fifteen", &[("between negative ten and fifteen", "[-10, 15]", "count")]),
    ("−3.5", &[("−3.5", "[-3.5, -3.5]", "count")]),
    ("a change of (-2)", &[("-2", "[-2, -2]", "count")]),
    ("from -5 to -3", &[("from -5 to -3", "[-5, -3]", "count")]),
    ("-$5 million", &[("-$5 million", "[-5000000, -5000000]", "money USD")]),
    ("+5%", &[("5%", "[5, 5]", "percent")]),
    ("minus 2.5 percent", &[("minus 2.5 percent", "[-2.5, -2.5]", "percent")]),
    // Fractions in digits and words.
    ("1/2 of the vote", &[("1/2", "[0.5, 0.5]", "fraction")]),
    ("3/4 of them", &[("3/4", "[0.75, 0.75]", "fraction")]),
    ("2 1/4 miles", &[("2 1/4 miles", "[2.25, 2.25]", "measure")]),
    ("1/10", &[("1/10", "[0.1, 0.1]", "fraction")]),
    ("½ of the budget", &[("½", "[0.5, 0.5]", "fraction")]),
    ("¾", &[("¾", "[0.75, 0.75]", "fraction")]),
    ("2½ hours", &[("2½ hours", "[2.5, 2.5]", "duration")]),
    ("two-thirds of voters", &[("two-thirds", "[0.666666666667, 0.666666666667]", "fraction")]),
    ("one-third", &[("one-third", "[0.333333333333, 0.333333333333]", "fraction")]),
    ("three fifths", &[("three fifths", "[0.6, 0.6]", "fraction")]),
    ("one eighth", &[("one eighth", "[0.125, 0.125]", "fraction")]),
    ("one sixth", &[("one sixth", "[0.166666666667, 0.166666666667]", "fraction")]),
    ("a fifth of the land", &[("a fifth", "[0.2, 0.2]", "fraction")]),
    ("nine tenths", &[("nine tenths", "[0.9, 0.9]", "fraction")]),
    ("one fourth", &[("one fourth", "[0.25, 0.25]", "fraction")]),
    ("three quarters of the staff", &[("three quarters", "[0.75, 0.75]", "fraction")]),
    ("a quarter of the budget", &[("a quarter", "[0.25, 0.25]", "fraction")]),
    ("a hundredth", &[("a hundredth", "[0.01, 0.01]", "fraction")]),
    ("one in five adults", &[("one in five", "[0.2, 0.2]", "fraction")]),
    ("2 out of 5", &[("2 out of 5", "[0.4, 0.4]", "fraction")]),
    ("nine out of ten", &[("nine out of ten", "[0.9, 0.9]", "fraction")]),
    ("1 in 4 children", &[("1 in 4", "[0.25, 0.25]", "fraction")]),
    ("one in every five", &[("one in every five", "[0.2, 0.2]", "fraction")]),
    ("one in a million", &[("one in a million", "[0.000001, 0.000001]", "fraction")]),
    ("one over three", &[("one over three", "[0.333333333333, 0.333333333333]", "fraction")]),
    ("about one in three", &[("about one in three", "~[0.3, 0.366666666666]", "fraction")]),
    ("more than one in four", &[("more than one in four", "(0.25, 1]", "fraction")]),
    ("almost half", &[("almost half", "~[0.45, 0.5)", "fraction")]),
    ("roughly a third", &[("roughly a third", "~[0.3, 0.366666666666]", "fraction")]),
    ("the third attack", &[("third", "[3, 3]", "ordinal")]),
    ("a third attack", &[("third", "[3, 3]", "ordinal")]),
    ("the twenty-fifth", &[("twenty-fifth", "[25, 25]", "ordinal")]),
    ("the 25th", &[("25th", "[25, 25]", "ordinal")]),
    ("the hundredth day", &[("hundredth", "[100, 100]", "ordinal")]),
    // A fraction of a scale, and fractions after a whole.
    ("half a million people", &[("half a million", "[500000, 500000]", "count")]),
    ("a half million", &[("a half million", "[500000, 500000]", "count")]),
    ("a quarter million", &[("a quarter million", "[250000, 250000]", "count")]),
    ("quarter million", &[("quarter million", "[250000, 250000]", "count")]),
    ("a quarter of a million", &[("a quarter of a million", "[250000, 250000]", "count")]),
    ("three quarters of a billion", &[("three quarters of a billion", "[750000000, 750000000]", "count")]),
    ("two-thirds of a million", &[("two-thirds of a million", "[666666.666667, 666666.666667]", "count")]),
    ("half a dozen", &[("half a dozen", "[6, 6]", "count")]),
    ("two and a half million", &[("two and a half million", "[2500000, 2500000]", "count")]),
    ("a million and a half", &[("a million and a half", "[1500000, 1500000]", "count")]),
    ("one hundred and three quarters", &[("one hundred and three quarters", "[100.75, 100.75]", "count")]),
    ("six million and two thirds", &[("six million and two thirds", "[6666666.66667, 6666666.66667]", "count")]),
    ("one and a half", &[("one and a half", "[1.5, 1.5]", "count")]),
    ("2 and a half years", &[("2 and a half years", "[2.5, 2.5]", "duration")]),
    ("three and a quarter", &[("three and a quarter", "[3.25, 3.25]", "count")]),
    ("about half a million", &[("about half a million", "~[450000, 550000]", "count")]),
    ("1½ million", &[("1½ million", "[1500000, 1500000]", "count")]),
    // Scales: long, Indian, scientific, idioms.
    ("two thousand million dollars", &[("two thousand million dollars", "[2000000000, 2000000000]", "money USD")]),
    ("a thousand million", &[("a thousand million", "[1000000000, 1000000000]", "count")]),
    ("one million two thousand", &[("one million two thousand", "[1002000, 1002000]", "count")]),
    ("three hundred thousand", &[("three hundred thousand", "[300000, 300000]", "count")]),
    ("nine hundred ninety-nine", &[("nine hundred ninety-nine", "[999, 999]", "count")]),
    ("seventeen", &[("seventeen", "[17, 17]", "count")]),
    ("eighty-one", &[("eighty-one", "[81, 81]", "count")]),
    ("5 lakh people", &[("5 lakh", "[500000, 500000]", "count")]),
    ("2 crore", &[("2 crore", "[20000000, 20000000]", "count")]),
    ("five lakh", &[("five lakh", "[500000, 500000]", "count")]),
    ("two crore fifty lakh", &[("two crore fifty lakh", "[25000000, 25000000]", "count")]),
    ("1.2 lakh crore", &[("1.2 lakh crore", "[1200000000000, 1200000000000]", "count")]),
    ("12,34,567 voters", &[("12,34,567", "[1234567, 1234567]", "count")]),
    ("1,00,000", &[("1,00,000", "[100000, 100000]", "count")]),
    ("Rs 5 crore", &[("Rs 5 crore", "[50000000, 50000000]", "money")]),
    ("₹10 lakh", &[("₹10 lakh", "[1000000, 1000000]", "money INR")]),
    ("1.00E+05", &[("1.00E+05", "[100000, 100000]", "count")]),
    ("3e6 cells", &[("3e6", "[3000000, 3000000]", "count")]),
    ("2.5×10^6", &[("2.5×10^6", "[2500000, 2500000]", "count")]),
    ("2.5 x 10^6", &[("2.5 x 10^6", "[2500000, 2500000]", "count")]),
    ("10^6", &[("10^6", "[1000000, 1000000]", "count")]),
    ("3 × 10⁻⁴", &[("3 × 10⁻⁴", "[0.0003, 0.0003]", "count")]),
    ("10⁹ stars", &[("10⁹", "[1000000000, 1000000000]", "count")]),
    ("a baker's dozen", &[("a baker's dozen", "[13, 13]", "count")]),
    ("a gross of pencils", &[("a gross", "[144, 144]", "count")]),
    ("a score of people", &[("a score", "[20, 20]", "count")]),
    ("three score and ten", &[("three score and ten", "[70, 70]", "count")]),
    ("scores of people", &[("scores", "~[40, 200)", "count")]),
    ("five dozen", &[("five dozen", "[60, 60]", "count")]),
    ("several dozen", &[("several dozen", "~[36, 108]", "count")]),
    ("a couple of hundred", &[("a couple of hundred", "~[200, 300]", "count")]),
    ("a couple thousand", &[("a couple thousand", "~[2000, 3000]", "count")]),
    ("hundreds of millions", &[("hundreds of millions", "~[100000000, 1000000000)", "count")]),
    ("billions", &[("billions", "~[2000000000, 10000000000)", "count")]),
    ("1.5bn", &[("1.5bn", "[1500000000, 1500000000]", "count")]),
    ("4 mln", &[("4 mln", "[4000000, 4000000]", "count")]),
    ("7tn", &[("7tn", "[7000000000000, 7000000000000]", "count")]),
    ("a trillion", &[("a trillion", "[1000000000000, 1000000000000]", "count")]),
    // Thousands separators.
    ("10 000 dollars", &[("10 000 dollars", "[10000, 10000]", "money USD")]),
    ("1 234 567", &[("1 234 567", "[1234567, 1234567]", "count")]),
    ("10\u{a0}000 people", &[("10\u{a0}000", "[10000, 10000]", "count")]),
    ("2\u{2009}500 troops", &[("2\u{2009}500", "[2500, 2500]", "count")]),
    ("1\u{202f}000\u{202f}000", &[("1\u{202f}000\u{202f}000", "[1000000, 1000000]", "count")]),
    ("1,000,000", &[("1,000,000", "[1000000, 1000000]", "count")]),
    ("0.5", &[("0.5", "[0.5, 0.5]", "count")]),
    (".75 of a point", &[(".75", "[0.75, 0.75]", "count")]),
    // Ranges.
    ("5k-20k", &[("5k-20k", "[5000, 20000]", "count")]),
    ("$5-10 million", &[("$5-10 million", "[5000000, 10000000]", "money USD")]),
    ("from 1,000 to 1,500", &[("from 1,000 to 1,500", "[1000, 1500]", "count")]),
    ("10 to 15 percent", &[("10 to 15 percent", "[10, 15]", "percent")]),
    ("10%-15%", &[("10%-15%", "[10, 15]", "percent")]),
    ("10% to 15%", &[("10% to 15%", "[10, 15]", "percent")]),
    ("100 – 150", &[("100 – 150", "[100, 150]", "count")]),
    ("100—150", &[("100—150", "[100, 150]", "count")]),
    ("between $1 and $2 billion", &[("between $1 and $2 billion", "[1000000000, 2000000000]", "money USD")]),
    ("between 5% and 10%", &[("between 5% and 10%", "[5, 10]", "percent")]),
    ("1.5 to 2 million", &[("1.5 to 2 million", "[1500000, 2000000]", "count")]),
    ("three to four thousand", &[("three to four thousand", "[3000, 4000]", "count")]),
    ("five or six", &[("five or six", "[5, 6]", "count")]),
    ("30 through 40", &[("30 through 40", "[30, 40]", "count")]),
    ("€10-€20", &[("€10-€20", "[10, 20]", "money EUR")]),
    ("10 ± 2", &[("10 ± 2", "[8, 12]", "count")]),
    ("50 +/- 5", &[("50 +/- 5", "[45, 55]", "count")]),
    ("2013-14", &[("2013-14", "[2013, 2014]", "year")]),
    ("the 1999-00 season", &[("1999-00", "[1999, 2000]", "year")]),
    ("rose from 5% to 7%", &[("5%", "[5, 5]", "percent"), ("7%", "[7, 7]", "percent")]),
    ("fell from 300 to 250", &[("300", "[300, 300]", "count"), ("250", "[250, 250]", "count")]),
    ("increased 10 to 12", &[("10", "[10, 10]", "count"), ("12", "[12, 12]", "count")]),
    ("about 5-6 million", &[("about 5-6 million", "~[4500000, 6600000]", "count")]),
    ("ranging from 20 to 30", &[("from 20 to 30", "[20, 30]", "count")]),
    // Word decimals and zero.
    ("four point five", &[("four point five", "[4.5, 4.5]", "count")]),
    ("nought point two", &[("nought point two", "[0.2, 0.2]", "count")]),
    ("zero point five percent", &[("zero point five percent", "[0.5, 0.5]", "percent")]),
    ("three point one four", &[("three point one four", "[3.14, 3.14]", "count")]),
    ("zero people", &[("zero", "[0, 0]", "count")]),
    ("four point five million", &[("four point five million", "[4500000, 4500000]", "count")]),
    // Currencies: signs, codes and names, before and after.
    ("€10B", &[("€10B", "[10000000000, 10000000000]", "money EUR")]),
    ("$2.174T", &[("$2.174T", "[2174000000000, 2174000000000]", "money USD")]),
    ("$5M", &[("$5M", "[5000000, 5000000]", "money USD")]),
    ("$3k", &[("$3k", "[3000, 3000]", "money USD")]),
    ("USD 200", &[("USD 200", "[200, 200]", "money USD")]),
    ("115 USD", &[("115 USD", "[115, 115]", "money USD")]),
    ("EUR 5bn", &[("EUR 5bn", "[5000000000, 5000000000]", "money EUR")]),
    ("15€", &[("15€", "[15, 15]", "money EUR")]),
    ("15 €", &[("15 €", "[15, 15]", "money EUR")]),
    ("£3.50", &[("£3.50", "[3.5, 3.5]", "money GBP")]),
    ("¥500", &[("¥500", "[500, 500]", "money JPY")]),
    ("₹2,000", &[("₹2,000", "[2000, 2000]", "money INR")]),
    ("₽100", &[("₽100", "[100, 100]", "money RUB")]),
    ("A$50", &[("A$50", "[50, 50]", "money AUD")]),
    ("C$ 20", &[("C$ 20", "[20, 20]", "money CAD")]),
    ("HK$100", &[("HK$100", "[100, 100]", "money HKD")]),
    ("US$1.2 billion", &[("US$1.2 billion", "[1200000000, 1200000000]", "money USD")]),
    ("50 euros", &[("50 euros", "[50, 50]", "money EUR")]),
    ("100 yen", &[("100 yen", "[100, 100]", "money JPY")]),
    ("20 francs", &[("20 francs", "[20, 20]", "money")]),
    ("20 Swiss francs", &[("20 Swiss francs", "[20, 20]", "money CHF")]),
    ("5,000 roubles", &[("5,000 roubles", "[5000, 5000]", "money RUB")]),
    ("5,000 rubles", &[("5,000 rubles", "[5000, 5000]", "money RUB")]),
    ("500 rupees", &[("500 rupees", "[500, 500]", "money")]),
    ("500 Indian rupees", &[("500 Indian rupees", "[500, 500]", "money INR")]),
    ("1,000 yuan", &[("1,000 yuan", "[1000, 1000]", "money CNY")]),
    ("300 hryvnia", &[("300 hryvnia", "[300, 300]", "money UAH")]),
    ("40 Canadian dollars", &[("40 Canadian dollars", "[40, 40]", "money CAD")]),
    ("7 US dollars", &[("7 US dollars", "[7, 7]", "money USD")]),
    ("10 Egyptian pounds", &[("10 Egyptian pounds", "[10, 10]", "money EGP")]),
    ("5 million pounds", &[("5 million pounds", "[5000000, 5000000]", "money GBP")]),
    ("10 pounds sterling", &[("10 pounds sterling", "[10, 10]", "money GBP")]),
    ("200 pounds of flour", &[("200 pounds", "[200, 200]", "measure")]),
    ("50 cents", &[("50 cents", "[0.5, 0.5]", "money USD")]),
    ("50p", &[("50p", "[0.5, 0.5]", "money GBP")]),
    ("75 pence", &[("75 pence", "[0.75, 0.75]", "money GBP")]),
    ("99¢", &[("99¢", "[0.99, 0.99]", "money USD")]),
    ("3 dollars 50 cents", &[("3 dollars 50 cents", "[3.5, 3.5]", "money USD")]),
    ("15 dollars and 50", &[("15 dollars and 50", "[15.5, 15.5]", "money USD")]),
    ("15 dollars and 50 cents", &[("15 dollars and 50 cents", "[15.5, 15.5]", "money USD")]),
    ("twenty dollars", &[("twenty dollars", "[20, 20]", "money USD")]),
    ("a million dollars", &[("a million dollars", "[1000000, 1000000]", "money USD")]),
    ("over $1 billion", &[("over $1 billion", "(1000000000, ∞)", "money USD")]),
    ("about €300", &[("about €300", "~[270, 330]", "money EUR")]),
    ("$5 CAD", &[("$5 CAD", "[5, 5]", "money CAD")]),
    ("$2.5bn", &[("$2.5bn", "[2500000000, 2500000000]", "money USD")]),
    ("£1.2m", &[("£1.2m", "[1200000, 1200000]", "money GBP")]),
    ("$ 40", &[("$ 40", "[40, 40]", "money USD")]),
    ("€ 1,5 million", &[]),
    // Percent written out, and percentage points.
    ("30 percent", &[("30 percent", "[30, 30]", "percent")]),
    ("30 per cent", &[("30 per cent", "[30, 30]", "percent")]),
    ("30 pc", &[("30 pc", "[30, 30]", "percent")]),
    ("30pc", &[("30pc", "[30, 30]", "percent")]),
    ("thirty percent", &[("thirty percent", "[30, 30]", "percent")]),
    ("fifty per cent", &[("fifty per cent", "[50, 50]", "percent")]),
    ("twenty-five percent", &[("twenty-five percent", "[25, 25]", "percent")]),
    ("0.5%", &[("0.5%", "[0.5, 0.5]", "percent")]),
    ("100%", &[("100%", "[100, 100]", "percent")]),
    ("rose 3 percentage points", &[("3 percentage points", "[3, 3]", "measure")]),
    ("a 2.5 percentage-point drop", &[("2.5 percentage-point", "[2.5, 2.5]", "measure")]),
    ("50 basis points", &[("50 basis points", "[50, 50]", "measure")]),
    ("25bps", &[("25bps", "[25, 25]", "measure")]),
    ("0.5 pp", &[("0.5 pp", "[0.5, 0.5]", "measure")]),
    ("up to 40 percent", &[("up to 40 percent", "(-∞, 40]", "percent")]),
    ("about 12 per cent", &[("about 12 per cent", "~[10.8, 13.2]", "percent")]),
    ("10% or more", &[("10% or more", "[10, ∞)", "percent")]),
    // Units of measure and of time.
    ("5 kg", &[("5 kg", "[5, 5]", "measure")]),
    ("3.2 km", &[("3.2 km", "[3.2, 3.2]", "measure")]),
    ("12 square miles", &[("12 square miles", "[12, 12]", "measure")]),
    ("a 100 metres", &[("100 metres", "[100, 100]", "measure")]),
    ("2 million barrels", &[("2 million barrels", "[2000000, 2000000]", "measure")]),
    ("600 megawatts", &[("600 megawatts", "[600, 600]", "measure")]),
    ("three weeks", &[("three weeks", "[3, 3]", "duration")]),
    ("18 months", &[("18 months", "[18, 18]", "duration")]),
    ("two decades", &[("two decades", "[2, 2]", "duration")]),
    ("45 minutes", &[("45 minutes", "[45, 45]", "duration")]),
    ("more than 10 days", &[("more than 10 days", "(10, ∞)", "duration")]),
    ("a 3-year plan", &[("3-year", "[3, 3]", "duration")]),
    // Dates and years stay what they are.
    ("March 8th", &[("March 8th", "(-∞, ∞)", "date")]),
    ("8th March 2024", &[("8th March 2024", "[2024, 2024]", "date")]),
    ("in mid-2019", &[("2019", "[2019, 2019]", "year")]),
    ("in the 1980s", &[("1980s", "[1980, 1989]", "year")]),
    ("between 1990 and 1995", &[("between 1990 and 1995", "[1990, 1995]", "year")]),
    // Plain counts inside ordinary prose.
    ("How about 2 people", &[("2", "[2, 2]", "count")]),
    ("what about 3?", &[("3", "[3, 3]", "count")]),
    ("Police said 14 people were hurt and 3 were arrested", &[("14", "[14, 14]", "count"), ("3", "[3, 3]", "count")]),
    ("the 3 suspects", &[("3", "[3, 3]", "count")]),
    ("killed 12, wounded 40", &[("12", "[12, 12]", "count"), ("40", "[40, 40]", "count")]),
    ("some 5,000 troops and 200 tanks", &[("some 5,000", "~[4500, 5500]", "count"), ("200", "[200, 200]", "count")]),
    ("one hundred", &[("one hundred", "[100, 100]", "count")]),
    ("at least one", &[("at least one", "[1, ∞)", "count")]),
    ("one in ten", &[("one in ten", "[0.1, 0.1]", "fraction")]),
];

/// Ordinary prose that holds no figure, or not the one a careless reader would see.
const NO_FIGURE: &[(&str, Expected)] = &[
    ("after 9/11", &[]),
    ("open 24/7 now", &[]),
    ("the 7/7 bombings", &[]),
    ("the G20 summit", &[]),
    ("the G-20 summit", &[]),
    ("a gross exaggeration", &[]),
    ("to settle a score", &[]),
    ("a score of 5 points", &[("5", "[5, 5]", "count")]),
    ("a zero-day exploit", &[]),
    ("a one-sided war", &[]),
    ("a one-off payment", &[]),
    ("one of them", &[]),
    ("one another", &[]),
    ("the one who left", &[]),
    ("said so.^{10}", &[]),
    ("said so.<sup>3</sup>", &[]),
    ("the report said.[3]", &[]),
    ("as noted [12] before", &[]),
    ("on 12/03/2024", &[]),
    ("on 3/4/2020", &[]),
    ("on 12.03.2024", &[]),
    ("version 2.0", &[]),
    ("v1.2.3", &[]),
    ("iOS 17", &[]),
    ("Windows 10", &[]),
    ("call 555-123-4567", &[]),
    ("call (555) 123-4567", &[]),
    ("+44 20 7946 0958", &[]),
    ("+1 555 123 4567", &[]),
    ("0207 946 0958", &[]),
    ("phone 555-0199", &[]),
    ("ring 123-4567", &[]),
    ("see https://example.com/page/2024 now", &[]),
    ("at www.example.org/5 today", &[]),
    ("http://x.io/a?id=5&n=10", &[]),
    ("mail john2@x.com", &[]),
    ("at 2 pm", &[]),
    ("at 2.13 am", &[]),
    ("at 2pm", &[]),
    ("at 10 o'clock", &[]),
    ("at 2 p.m. local time", &[]),
    ("at 1400 GMT", &[]),
    ("at 19:32", &[]),
    ("ISBN 978-3-16-148410-0", &[]),
    ("ISBN 0-306-40615-2", &[]),
    ("Article 5 of the treaty", &[]),
    ("Chapter 11 bankruptcy", &[]),
    ("see page 12", &[]),
    ("Flight 370", &[]),
    ("No. 10", &[]),
    ("Section 230", &[]),
    ("type 2 diabetes", &[]),
    ("a Category 5 hurricane", &[]),
    ("Resolution 2254", &[]),
    ("Route 66", &[]),
    ("Phase 3 trials", &[]),
    ("MH17 was downed", &[]),
    ("an F-16 jet", &[]),
    ("a 5G network", &[]),
    ("3D printing", &[]),
    ("in the 90s", &[]),
    ("a 3-1 win", &[]),
    ("the score was 21-14", &[]),
    ("priced at 3,50 €", &[]),
    ("the pair (1,2)", &[]),
    ("the fee ($99.99) was", &[]),
    ("Agent 007", &[]),
    ("The ministers met in Geneva.", &[]),
    ("Many people came", &[]),
    ("a number of people", &[]),
    ("countless victims", &[]),
    ("a lot of money", &[]),
    ("none of them", &[]),
    ("someone said", &[]),
    ("several reports", &[]),
    ("a few weeks later", &[]),
    ("dozen-strong", &[]),
    ("many thousand-year-old", &[]),
    ("the above figures", &[]),
    ("it was over", &[]),
    ("more than ever", &[]),
    ("at least they tried", &[]),
    ("about the war", &[]),
    ("some of the", &[]),
    ("around the city", &[]),
    ("under the bridge", &[]),
    ("up to date", &[]),
    ("a third of", &[("a third", "[0.333333333333, 0.333333333333]", "fraction")]),
    ("no more", &[]),
    ("half-hearted", &[("half", "[0.5, 0.5]", "fraction")]),
    ("Su-27 jets", &[]),
    ("B-52s", &[]),
    ("the A320", &[]),
    ("COVID-19", &[]),
    ("Kh-101 missiles", &[]),
    ("room 101", &[]),
    ("rule 3", &[]),
    ("para 4", &[]),
    ("the 2nd", &[("2nd", "[2, 2]", "ordinal")]),
    ("1.2.840.113549", &[]),
    ("192.168.0.1", &[]),
    ("id=5", &[]),
    ("x_5", &[]),
    ("#3 seed", &[]),
    ("since day one", &[]),
    ("one day", &[]),
    ("on one hand", &[]),
    ("may 5 people", &[("5", "[5, 5]", "count")]),
    ("1e400 grains", &[]),
];

mod property {
    use claimcheck::figures::{Interval, Reader, read_value};
    use proptest::prelude::*;

    /// Pieces of figure language, glued in any order: the reader meets every family, every
    /// joiner and every guard in combinations nobody wrote down.
    const PIECES: &[&str] = &[
        "0", "1", "5", "10", "137", "2004", "3,417", "1.5", "0.001", "-", "−", "+", "±", "+/-", "%", "$", "€", "£", "US", "USD", "Rs", "(", ")",
        "[", "]", "/", ":", ".", ",", "^", "×", "x", "e", "E+05", "½", "¾", "⁶", "⁻", "≥", "≤", ">", "<", "=", "~", "about", "nearly", "just",
        "over", "under", "more", "less", "than", "or", "and", "but", "equal", "to", "at", "least", "most", "between", "from", "a", "an", "one",
        "two", "twenty", "hundred", "thousand", "million", "billion", "lakh", "crore", "dozen", "dozens", "tens", "of", "half", "quarter",
        "third", "thirds", "fifth", "in", "out", "every", "point", "zero", "nought", "minus", "negative", "percent", "per", "cent",
        "percentage", "points", "dollars", "cents", "pounds", "years", "km", "k", "m", "bn", "st", "th", "s", "plus", "odd", "so", "March",
        "2024", "pm", "version", "9/11", "24/7", " ", " ", "\u{a0}", "\u{2009}", "\n", "ish", "baker's", "gross", "score", "exceeds",
        "north", "counting", "every", "how",
    ];

    fn sound(interval: &Interval) -> bool {
        interval.is_sound()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn any_phrase_reads_to_sound_intervals(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..14), spaced in any::<bool>(), tolerance in 0.0f64..1.0) {
            let text = pieces.join(if spaced { " " } else { "" });
            let reading = Reader::new(tolerance).read(&text);
            for figure in &reading.figures {
                prop_assert!(sound(&figure.interval), "{text:?}: `{}` {:?}", figure.text, figure.interval);
                prop_assert!(figure.start < figure.end, "{text:?}: `{}`", figure.text);
            }
            if let Ok(figure) = read_value(&text, tolerance) {
                prop_assert!(sound(&figure.interval), "value {text:?}: {:?}", figure.interval);
            }
        }

        #[test]
        fn any_text_at_all_never_panics(text in "\\PC{0,60}", tolerance in 0.0f64..1.0) {
            for figure in Reader::new(tolerance).find(&text) {
                prop_assert!(sound(&figure.interval), "{text:?}: `{}` {:?}", figure.text, figure.interval);
            }
        }

        #[test]
        fn numbers_of_any_size_are_sound_or_reported(digits in "[1-9][0-9]{0,400}", zeros in 0usize..400, qualifier in prop::sample::select(&["", "about ", "nearly ", "just over ", "more than ", "-", "$"][..])) {
            for text in [format!("{qualifier}{digits}"), format!("{qualifier}0.{}1", "0".repeat(zeros)), format!("{qualifier}{digits}e300")] {
                let reading = Reader::default().read(&text);
                for figure in &reading.figures {
                    prop_assert!(sound(&figure.interval), "{text:?}: {:?}", figure.interval);
                }
                prop_assert_eq!(reading.figures.len() + reading.unreadable.len(), 1, "{}", text);
            }
        }
    }

    #[test]
    fn overflowing_figures_are_reported_not_read() {
        let reading = Reader::default().read(&format!("{} people and 1e400 grains", "9".repeat(320)));
        assert!(reading.figures.is_empty());
        assert_eq!(reading.unreadable.len(), 2);
        assert!(read_value("1e400", 0.1).is_err());
        let tiny = Reader::default().read(&format!("0.{}1", "0".repeat(310)));
        assert_eq!(tiny.figures.len(), 1);
        assert!(tiny.figures[0].interval.is_sound());
    }
}
