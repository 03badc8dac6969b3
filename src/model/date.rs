//! Calendar dates of certificates. Only what the catalogue needs: reading the
//! two ways Vietnamese offices write dates, adding months, and comparing.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// A date, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1900..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Reads `2024-03-15`, `15/03/2024`, `15-03-2024` or `15.03.2024`.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let number = |s: &str| s.parse::<i32>().ok();
        if parts[0].len() == 4 {
            Date::new(
                number(parts[0])?,
                u8::try_from(number(parts[1])?).ok()?,
                u8::try_from(number(parts[2])?).ok()?,
            )
        } else if parts[2].len() == 4 {
            Date::new(
                number(parts[2])?,
                u8::try_from(number(parts[1])?).ok()?,
                u8::try_from(number(parts[0])?).ok()?,
            )
        } else {
            None
        }
    }

    /// The same day `months` later, or the month's last day when it is shorter.
    pub fn add_months(self, months: u32) -> Date {
        let total = self.year * 12 + i32::from(self.month) - 1 + months as i32;
        let year = total.div_euclid(12);
        let month = (total.rem_euclid(12) + 1) as u8;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Today, from `SOURCE_DATE_EPOCH` when set (for reproducible builds),
    /// otherwise from the system clock, in Viet Nam's time zone (UTC+7).
    pub fn today() -> Date {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_days_since_epoch((seconds + 7 * 3600).div_euclid(86_400))
    }

    /// Converts a count of days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01, the inverse of [`Date::from_days_since_epoch`]
    /// (Howard Hinnant's days_from_civil).
    pub fn days_since_epoch(self) -> i64 {
        let month = i64::from(self.month);
        let y = i64::from(self.year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `2024-03-15`, for machines (sitemaps, `<time datetime>`).
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
}

/// `15/03/2024`, as dates are written in Viet Nam.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn reads_both_orders() {
        let date = Date::new(2024, 3, 15).unwrap();
        assert_eq!(Date::parse("2024-03-15"), Some(date));
        assert_eq!(Date::parse("15/03/2024"), Some(date));
        assert_eq!(Date::parse("15/3/2024"), Some(date));
        assert_eq!(Date::parse("15.03.2024"), Some(date));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("31/04/2024"), None);
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::parse("hôm qua"), None);
        assert_eq!(Date::parse("2024-03"), None);
        assert!(Date::parse("2024-02-29").is_some());
    }

    #[test]
    fn adds_months_clamping_the_day() {
        let date = Date::new(2021, 8, 31).unwrap();
        assert_eq!(date.add_months(36), Date::new(2024, 8, 31).unwrap());
        assert_eq!(
            Date::new(2021, 11, 30).unwrap().add_months(3),
            Date::new(2022, 2, 28).unwrap()
        );
        assert_eq!(
            Date::new(2023, 12, 1).unwrap().add_months(1),
            Date::new(2024, 1, 1).unwrap()
        );
    }

    #[test]
    fn converts_epoch_days() {
        assert_eq!(
            Date::from_days_since_epoch(0),
            Date::new(1970, 1, 1).unwrap()
        );
        assert_eq!(
            Date::from_days_since_epoch(20_418),
            Date::new(2025, 11, 26).unwrap()
        );
        for date in ["1970-01-01", "2000-02-29", "2025-11-26", "2100-03-01"] {
            let date = Date::parse(date).unwrap();
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
        }
        assert_eq!(Date::new(2025, 11, 26).unwrap().days_since_epoch(), 20_418);
    }

    #[test]
    fn formats_vietnamese_and_iso() {
        let date = Date::new(2024, 3, 5).unwrap();
        assert_eq!(date.to_string(), "05/03/2024");
        assert_eq!(date.iso(), "2024-03-05");
    }
}
