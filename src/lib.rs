//! hashwatt: what it costs, in money and in carbon, to mine Bitcoin here, with this hardware.

pub mod model;
