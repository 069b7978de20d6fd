//! How numbers are shown to people: thousands separators, a sensible number of digits, and
//! units scaled to the size of the value (W/kW/MW, kWh/MWh/GWh, kg/t/kt). Used by the command
//! line, the GUI and chart export alike.

/// The text for an undefined figure (a division by zero).
pub const UNDEFINED: &str = "—";

/// A number as data (a CSV cell): the shortest digits that read back to the same value, in
/// e-notation (`5e-301`, `1e308`) where the plain form would run to dozens of digits
/// (|x| ≥ 1e21 or 0 < |x| < 1e-7, where JavaScript switches too).
pub fn data_number(x: f64) -> String {
    let mut text = String::new();
    write_data_number(&mut text, x);
    text
}

/// [`data_number`] appended to `out`, for writers of large tables that keep one buffer.
pub fn write_data_number(out: &mut impl std::fmt::Write, x: f64) {
    let abs = x.abs();
    // The tables are written to Strings, which cannot fail.
    let _ = if abs >= 1e21 || (abs != 0.0 && abs < 1e-7) {
        write!(out, "{x:e}")
    } else {
        write!(out, "{x}")
    };
}

/// A number with thousands separators and about four significant digits (never dropping
/// integer digits): `1,234,567`, `123.4`, `12.35`, `0.0660`.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return UNDEFINED.to_string();
    }
    let abs = x.abs();
    let decimals = if abs >= 1000.0 || abs == 0.0 {
        0
    } else if abs >= 100.0 {
        1
    } else if abs >= 10.0 {
        2
    } else if abs >= 1.0 {
        3
    } else {
        // Three significant digits below 1.
        ((-abs.log10()).floor() as usize + 3).min(12)
    };
    fixed(x, decimals)
}

/// A share of an energy mix, in per cent: one decimal everywhere the mix is shown (the inputs,
/// the chart's legend, exported charts), except for a share too small to show that way.
pub fn share_pct(pct: f64) -> String {
    if pct == 0.0 || pct >= 0.05 {
        fixed(pct, 1)
    } else {
        fixed(pct, 2)
    }
}

/// A number with a fixed count of decimals and thousands separators.
pub fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return UNDEFINED.to_string();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// An optional figure: the number, or "—".
pub fn maybe(x: Option<f64>) -> String {
    x.map_or_else(|| UNDEFINED.to_string(), number)
}

/// Scales a value across a ladder of units, each 1000× the previous: the number and its unit.
fn scaled(value: f64, units: &[&'static str]) -> (String, &'static str) {
    let mut v = value;
    let mut i = 0;
    while v.abs() >= 1000.0 && i + 1 < units.len() {
        v /= 1000.0;
        i += 1;
    }
    (number(v), units[i])
}

fn joined((value, unit): (String, &str)) -> String {
    format!("{value} {unit}")
}

/// Power given in kW, as a number and a unit among W, kW, MW, GW.
pub fn power_kw_parts(kw: f64) -> (String, &'static str) {
    if kw.abs() < 1.0 && kw != 0.0 {
        return (number(kw * 1000.0), "W");
    }
    scaled(kw, &["kW", "MW", "GW", "TW"])
}

/// Energy given in kWh, as a number and a unit among kWh, MWh, GWh, TWh.
pub fn energy_kwh_parts(kwh: f64) -> (String, &'static str) {
    scaled(kwh, &["kWh", "MWh", "GWh", "TWh"])
}

/// A mass of CO₂ given in kg, as a number and a unit among kg, t, kt, Mt, Gt.
pub fn co2_kg_parts(kg: f64) -> (String, &'static str) {
    scaled(kg, &["kg", "t", "kt", "Mt", "Gt"])
}

/// Power given in kW, shown in W, kW, MW or GW.
pub fn power_kw(kw: f64) -> String {
    joined(power_kw_parts(kw))
}

/// Energy given in kWh, shown in kWh, MWh, GWh or TWh.
pub fn energy_kwh(kwh: f64) -> String {
    joined(energy_kwh_parts(kwh))
}

/// A mass of CO₂ given in kg, shown in kg, t, kt or Mt.
pub fn co2_kg(kg: f64) -> String {
    joined(co2_kg_parts(kg))
}

/// Money in US dollars: `$1,234`, `$0.0660`, `-$12.35`.
pub fn usd(x: f64) -> String {
    if !x.is_finite() {
        return UNDEFINED.to_string();
    }
    let n = number(x.abs());
    if x < 0.0
        && n.chars()
            .any(|c| c.is_ascii_digit() && c != '0' && c != '.')
    {
        format!("-${n}")
    } else {
        format!("${n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_numbers_stay_short_and_read_back() {
        assert_eq!(data_number(0.006), "0.006");
        assert_eq!(data_number(146e12), "146000000000000");
        assert_eq!(data_number(5e-301), "5e-301");
        assert_eq!(data_number(-1e308), "-1e308");
        assert_eq!(data_number(0.0), "0");
        for x in [5e-301, 1.2345e-8, 0.1, 1e21, 123.456] {
            assert_eq!(data_number(x).parse::<f64>().unwrap(), x);
        }
    }

    #[test]
    fn mix_shares_have_one_precision() {
        for (pct, text) in [
            (0.31, "0.3"),
            (14.0, "14.0"),
            (45.14, "45.1"),
            (0.0, "0.0"),
            (100.0, "100.0"),
            (0.02, "0.02"),
        ] {
            assert_eq!(share_pct(pct), text, "{pct}");
        }
    }

    #[test]
    fn thousands_and_digits() {
        assert_eq!(number(1_234_567.4), "1,234,567");
        assert_eq!(number(999.94), "999.9");
        assert_eq!(number(12.345), "12.35");
        assert_eq!(number(1.5), "1.500");
        assert_eq!(number(0.066), "0.0660");
        assert_eq!(number(0.000_022), "0.0000220");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-1234.0), "-1,234");
        assert_eq!(number(f64::NAN), "—");
        assert_eq!(fixed(-0.0001, 2), "0.00");
        assert_eq!(fixed(100.0, 0), "100");
        assert_eq!(fixed(1000.0, 0), "1,000");
    }

    #[test]
    fn units_scale_with_size() {
        assert_eq!(power_kw(0.5), "500.0 W");
        assert_eq!(power_kw(33.0), "33.00 kW");
        assert_eq!(power_kw(1_134.0), "1.134 MW");
        assert_eq!(energy_kwh(25_855.0), "25.86 MWh");
        assert_eq!(energy_kwh(138e9), "138.0 TWh");
        assert_eq!(co2_kg(317.5), "317.5 kg");
        assert_eq!(co2_kg(3_560_000.0), "3.560 kt");
    }

    #[test]
    fn money_and_undefined() {
        assert_eq!(usd(87_689.0), "$87,689");
        assert_eq!(usd(-12.345), "-$12.35");
        assert_eq!(usd(0.066), "$0.0660");
        assert_eq!(maybe(None), "—");
    }
}
