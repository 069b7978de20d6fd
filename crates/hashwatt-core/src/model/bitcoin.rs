//! Bitcoin's consensus constants and what follows from them: the block subsidy at a height,
//! network hashrate from difficulty, and the halving schedule.

/// Satoshis in one bitcoin.
pub const SATS_PER_BTC: u64 = 100_000_000;
/// The block subsidy of the first epoch, 50 BTC (Bitcoin Core `GetBlockSubsidy`).
pub const INITIAL_SUBSIDY_SATS: u64 = 50 * SATS_PER_BTC;
/// Blocks between halvings (`nSubsidyHalvingInterval`).
pub const HALVING_INTERVAL_BLOCKS: u64 = 210_000;
/// Target spacing between blocks, seconds (`nPowTargetSpacing`).
pub const TARGET_BLOCK_SECONDS: f64 = 600.0;
/// Blocks a day at the target spacing.
pub const BLOCKS_PER_DAY: f64 = 86_400.0 / TARGET_BLOCK_SECONDS;
/// Hashes per unit of difficulty per block: the difficulty-1 target is about 2^32 hashes.
pub const HASHES_PER_DIFFICULTY: f64 = 4_294_967_296.0;

/// Block subsidy at a height, in satoshis: `5_000_000_000 >> (height / 210_000)`, and 0 once
/// the shift would reach 64 (Bitcoin Core returns 0 there to avoid undefined shifts).
pub fn block_subsidy_sats(height: u64) -> u64 {
    let halvings = height / HALVING_INTERVAL_BLOCKS;
    if halvings >= 64 {
        0
    } else {
        INITIAL_SUBSIDY_SATS >> halvings
    }
}

/// Block subsidy at a height, in BTC.
pub fn block_subsidy_btc(height: u64) -> f64 {
    block_subsidy_sats(height) as f64 / SATS_PER_BTC as f64
}

/// Network hashrate implied by a difficulty, H/s: `D × 2^32 / 600`.
pub fn hashrate_from_difficulty_hs(difficulty: f64) -> f64 {
    difficulty * HASHES_PER_DIFFICULTY / TARGET_BLOCK_SECONDS
}

/// Difficulty implied by a network hashrate in H/s (the inverse of the above).
pub fn difficulty_from_hashrate_hs(hashrate_hs: f64) -> f64 {
    hashrate_hs * TARGET_BLOCK_SECONDS / HASHES_PER_DIFFICULTY
}

/// The first halving height strictly above `height`.
pub fn next_halving_height(height: u64) -> u64 {
    (height / HALVING_INTERVAL_BLOCKS + 1) * HALVING_INTERVAL_BLOCKS
}

/// Days until a future height from the current one at 144 blocks a day (0 if already reached).
pub fn days_until_height(current_height: u64, target_height: u64) -> f64 {
    target_height.saturating_sub(current_height) as f64 / BLOCKS_PER_DAY
}

/// Fees per block when they are given as a share `f` of the whole block reward:
/// `subsidy × f / (1 − f)` (Hashrate Index quotes fees as "% of reward").
pub fn fees_from_reward_share(subsidy_btc: f64, fee_share_of_reward: f64) -> f64 {
    subsidy_btc * fee_share_of_reward / (1.0 - fee_share_of_reward)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsidy_schedule_matches_bitcoin_core() {
        assert_eq!(block_subsidy_sats(0), 5_000_000_000);
        assert_eq!(block_subsidy_sats(209_999), 5_000_000_000);
        assert_eq!(block_subsidy_sats(210_000), 2_500_000_000);
        assert_eq!(block_subsidy_sats(630_000), 625_000_000);
        assert_eq!(block_subsidy_btc(840_000), 3.125);
        assert_eq!(block_subsidy_btc(1_050_000), 1.5625);
        assert_eq!(block_subsidy_btc(1_260_000), 0.78125);
        // The 33rd halving leaves 1 satoshi >> 33 = 0; the shift stops at 64.
        assert_eq!(block_subsidy_sats(33 * 210_000), 0);
        assert_eq!(block_subsidy_sats(63 * 210_000), 0);
        assert_eq!(block_subsidy_sats(64 * 210_000), 0);
        assert_eq!(block_subsidy_sats(u64::MAX), 0);
    }

    #[test]
    fn total_supply_is_just_under_21_million() {
        let total_sats: u64 = (0..64)
            .map(|epoch| {
                block_subsidy_sats(epoch * HALVING_INTERVAL_BLOCKS) * HALVING_INTERVAL_BLOCKS
            })
            .sum();
        assert_eq!(total_sats, 2_099_999_997_690_000);
    }

    #[test]
    fn galaxy_mid_2024_difficulty_gives_630_ehs() {
        // Galaxy Research, mid-2024: difficulty 88.1 T is about 630 EH/s.
        let ehs = hashrate_from_difficulty_hs(88.1e12) / 1e18;
        assert!((ehs - 630.0).abs() < 1.5, "{ehs}");
    }

    #[test]
    fn braiins_december_2025_difficulty_gives_1061_ehs() {
        // Braiins worked example, late December 2025: D = 148,258,433,855,481 → about 1,061 EH/s.
        let ehs = hashrate_from_difficulty_hs(148_258_433_855_481.0) / 1e18;
        assert!((ehs - 1061.0).abs() < 0.5, "{ehs}");
    }

    #[test]
    fn difficulty_and_hashrate_are_inverse() {
        let d = 110.45e12;
        let back = difficulty_from_hashrate_hs(hashrate_from_difficulty_hs(d));
        assert!((back - d).abs() / d < 1e-12);
    }

    #[test]
    fn halving_heights_and_days() {
        assert_eq!(next_halving_height(840_000), 1_050_000);
        assert_eq!(next_halving_height(839_999), 840_000);
        assert_eq!(days_until_height(1_049_856, 1_050_000), 1.0);
        assert_eq!(days_until_height(1_050_001, 1_050_000), 0.0);
    }

    #[test]
    fn fees_from_share_of_reward() {
        // 1.34 % of the reward at a 6.25 BTC subsidy is about 0.0849 BTC a block.
        let fees = fees_from_reward_share(6.25, 0.0134);
        assert!((fees / (6.25 + fees) - 0.0134).abs() < 1e-12);
    }
}
