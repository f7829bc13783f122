package io.coinlake.simulator;

import java.util.List;

/**
 * A real CoinCap asset the simulator trades: id, symbol, name and explorer as CoinCap lists them,
 * with the rough price and supply it had on 2025-01-01, where the random walk starts.
 *
 * @param volatility  daily standard deviation of log returns (stablecoins near zero)
 * @param maxSupply   null where CoinCap reports none
 * @param supplyGrowthPerDay fraction by which circulating supply grows each day
 * @param token       an Ethereum contract for tokens, shown in v3's {@code tokens} field; null for coins
 */
record ReferenceAsset(String id, String symbol, String name, String explorer, double price, double supply,
                      Double maxSupply, double volatility, double supplyGrowthPerDay, String token) {

    static final List<ReferenceAsset> TOP = List.of(
            coin("bitcoin", "BTC", "Bitcoin", "https://blockchain.info/", 94_000, 19_800_000, 21_000_000d, 0.030, 0.00001),
            coin("ethereum", "ETH", "Ethereum", "https://etherscan.io/", 3_350, 120_500_000, null, 0.040, 0.0),
            token("tether", "USDT", "Tether", "https://www.omniexplorer.info/asset/31", 1.0, 137_000_000_000d, null, 0.0008, 0.0004,
                    "0xdac17f958d2ee523a2206206994597c13d831ec7"),
            coin("xrp", "XRP", "XRP", "https://xrpcharts.ripple.com/#/graph/", 2.10, 57_600_000_000d, 100_000_000_000d, 0.055, 0.0001),
            coin("binance-coin", "BNB", "BNB", "https://etherscan.io/token/0xB8c77482e45F1F44dE1745F52C74426C631bDD52", 700, 144_000_000, 144_000_000d, 0.030, 0.0),
            coin("solana", "SOL", "Solana", "https://explorer.solana.com/", 190, 480_000_000, null, 0.050, 0.0002),
            token("usd-coin", "USDC", "USDC", "https://etherscan.io/token/0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", 1.0, 44_000_000_000d, null, 0.0005, 0.0005,
                    "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"),
            coin("dogecoin", "DOGE", "Dogecoin", "http://dogechain.info/chain/Dogecoin", 0.32, 147_000_000_000d, null, 0.060, 0.00003),
            coin("cardano", "ADA", "Cardano", "https://cardanoexplorer.com/", 0.85, 35_100_000_000d, 45_000_000_000d, 0.055, 0.00002),
            coin("tron", "TRX", "TRON", "https://tronscan.org/#/", 0.25, 86_200_000_000d, null, 0.035, 0.0),
            token("chainlink", "LINK", "Chainlink", "https://etherscan.io/token/0x514910771af9ca656af840dff83e8264ecf986ca", 20.5, 638_000_000, 1_000_000_000d, 0.055, 0.0001,
                    "0x514910771af9ca656af840dff83e8264ecf986ca"),
            coin("avalanche", "AVAX", "Avalanche", "https://avascan.info/", 36, 411_000_000, 720_000_000d, 0.060, 0.0002),
            coin("stellar", "XLM", "Stellar", "https://dashboard.stellar.org/", 0.34, 30_300_000_000d, 50_001_806_812d, 0.055, 0.0001),
            token("shiba-inu", "SHIB", "Shiba Inu", "https://etherscan.io/token/0x95ad61b0a150d79219dcf64e1e6cc01f0b64c4ce", 0.0000215, 589_000_000_000_000d, null, 0.060, 0.0,
                    "0x95ad61b0a150d79219dcf64e1e6cc01f0b64c4ce"),
            coin("polkadot", "DOT", "Polkadot", "https://polkascan.io/polkadot", 6.8, 1_530_000_000, null, 0.055, 0.0002),
            coin("bitcoin-cash", "BCH", "Bitcoin Cash", "https://blockchair.com/bitcoin-cash/blocks", 440, 19_800_000, 21_000_000d, 0.045, 0.00001),
            coin("litecoin", "LTC", "Litecoin", "http://explorer.litecoin.net/chain/Litecoin", 104, 75_300_000, 84_000_000d, 0.045, 0.00003),
            coin("near-protocol", "NEAR", "NEAR Protocol", "https://explorer.near.org/", 5.2, 1_200_000_000, null, 0.065, 0.0002),
            token("uniswap", "UNI", "Uniswap", "https://etherscan.io/token/0x1f9840a85d5af5bf1d1762f925bdaddc4201f984", 13.5, 600_000_000, 1_000_000_000d, 0.060, 0.0001,
                    "0x1f9840a85d5af5bf1d1762f925bdaddc4201f984"),
            token("multi-collateral-dai", "DAI", "Dai", "https://etherscan.io/token/0x6b175474e89094c44da98b954eedeac495271d0f", 1.0, 3_360_000_000d, null, 0.0006, 0.0002,
                    "0x6b175474e89094c44da98b954eedeac495271d0f"),
            coin("internet-computer", "ICP", "Internet Computer", "https://www.icpexplorer.org/#/datacenters", 10.4, 474_000_000, null, 0.060, 0.0001),
            coin("ethereum-classic", "ETC", "Ethereum Classic", "http://gastracker.io/", 26.5, 150_000_000, 210_700_000d, 0.050, 0.00005),
            coin("monero", "XMR", "Monero", "http://moneroblocks.info/", 195, 18_400_000, null, 0.040, 0.00002),
            coin("aptos", "APT", "Aptos", "https://explorer.aptoslabs.com/", 8.9, 560_000_000, null, 0.065, 0.0004),
            coin("cosmos", "ATOM", "Cosmos", "https://www.mintscan.io/cosmos", 6.6, 390_000_000, null, 0.055, 0.0002),
            token("polygon", "POL", "Polygon", "https://etherscan.io/token/0x455e53cbb86018ac2b8092fdcd39d8444affc3f6", 0.46, 10_100_000_000d, null, 0.060, 0.0001,
                    "0x455e53cbb86018ac2b8092fdcd39d8444affc3f6"),
            coin("filecoin", "FIL", "Filecoin", "https://filfox.info/en", 5.1, 610_000_000, 1_960_000_000d, 0.060, 0.0003),
            coin("algorand", "ALGO", "Algorand", "https://algoexplorer.io/", 0.36, 8_300_000_000d, 10_000_000_000d, 0.060, 0.0001),
            coin("hedera-hashgraph", "HBAR", "Hedera", "https://hashscan.io/mainnet/dashboard", 0.28, 38_000_000_000d, 50_000_000_000d, 0.065, 0.0001),
            coin("vechain", "VET", "VeChain", "https://explore.vechain.org/", 0.045, 80_900_000_000d, 86_712_634_466d, 0.060, 0.00005),
            token("aave", "AAVE", "Aave", "https://etherscan.io/token/0x7fc66500c84a76ad7e9c93437bfc5ac33e2ddae9", 320, 15_000_000, 16_000_000d, 0.060, 0.00002,
                    "0x7fc66500c84a76ad7e9c93437bfc5ac33e2ddae9"),
            coin("stacks", "STX", "Stacks", "https://explorer.stacks.co/", 1.6, 1_500_000_000, 1_818_000_000d, 0.065, 0.0001),
            coin("tezos", "XTZ", "Tezos", "https://tzstats.com/", 1.3, 1_000_000_000, null, 0.055, 0.00005),
            token("the-graph", "GRT", "The Graph", "https://etherscan.io/token/0xc944e90c64b2c07662a292be6244bdf05cda44a7", 0.19, 9_500_000_000d, 10_800_000_000d, 0.065, 0.0001,
                    "0xc944e90c64b2c07662a292be6244bdf05cda44a7"),
            coin("eos", "EOS", "EOS", "https://bloks.io/", 0.78, 1_540_000_000, null, 0.055, 0.0001),
            coin("theta", "THETA", "THETA", "https://explorer.thetatoken.org/", 2.0, 1_000_000_000, 1_000_000_000d, 0.060, 0.0),
            token("maker", "MKR", "Maker", "https://etherscan.io/token/0x9f8f72aa9304c8b593d555f12ef6589cc3a579a2", 1_500, 880_000, 1_005_577d, 0.055, 0.0,
                    "0x9f8f72aa9304c8b593d555f12ef6589cc3a579a2"),
            coin("neo", "NEO", "Neo", "https://neotracker.io/", 13, 70_500_000, 100_000_000d, 0.055, 0.0),
            coin("iota", "IOTA", "IOTA", "https://thetangle.org/", 0.30, 3_500_000_000d, null, 0.060, 0.0001),
            coin("zcash", "ZEC", "Zcash", "https://explorer.zcha.in/", 55, 16_200_000, 21_000_000d, 0.055, 0.00004),
            coin("sui", "SUI", "Sui", "https://suiscan.xyz/mainnet", 4.1, 3_000_000_000d, 10_000_000_000d, 0.070, 0.0008),
            token("pepe", "PEPE", "Pepe", "https://etherscan.io/token/0x6982508145454ce325ddbe47a25d4ec3d2311933", 0.000019, 420_690_000_000_000d, 420_690_000_000_000d, 0.080, 0.0,
                    "0x6982508145454ce325ddbe47a25d4ec3d2311933"),
            coin("bittensor", "TAO", "Bittensor", "https://taostats.io/", 460, 7_400_000, 21_000_000d, 0.070, 0.0009),
            token("arbitrum", "ARB", "Arbitrum", "https://arbiscan.io/", 0.76, 4_300_000_000d, 10_000_000_000d, 0.065, 0.0006,
                    "0xb50721bcf8d664c30412cfbc6cf7a15145234ad1"),
            token("optimism", "OP", "Optimism", "https://optimistic.etherscan.io/", 1.8, 1_300_000_000d, 4_294_967_296d, 0.065, 0.0006,
                    "0x4200000000000000000000000000000000000042"),
            token("render-token", "RENDER", "Render", "https://etherscan.io/token/0x6de037ef9ad2725eb40118bb1702ebb27e4aeb24", 7.1, 517_000_000, 644_000_000d, 0.070, 0.0001,
                    "0x6de037ef9ad2725eb40118bb1702ebb27e4aeb24"),
            coin("injective-protocol", "INJ", "Injective", "https://explorer.injective.network/", 21, 97_700_000, 100_000_000d, 0.070, 0.00005),
            coin("fantom", "FTM", "Fantom", "https://ftmscan.com/", 0.71, 2_800_000_000d, 3_175_000_000d, 0.070, 0.0),
            token("the-sandbox", "SAND", "The Sandbox", "https://etherscan.io/token/0x3845badade8e6dff049820680d1f14bd3903a5d0", 0.59, 2_400_000_000d, 3_000_000_000d, 0.065, 0.0002,
                    "0x3845badade8e6dff049820680d1f14bd3903a5d0"),
            token("decentraland", "MANA", "Decentraland", "https://etherscan.io/token/0x0f5d2fb29fb7d3cfee444a200298f468908cc942", 0.47, 1_900_000_000d, 2_190_000_000d, 0.065, 0.0,
                    "0x0f5d2fb29fb7d3cfee444a200298f468908cc942"),
            coin("multiversx-egld", "EGLD", "MultiversX", "https://explorer.multiversx.com/", 33, 28_000_000, 31_415_926d, 0.060, 0.0001),
            coin("flow", "FLOW", "Flow", "https://flowscan.org/", 0.78, 1_530_000_000d, null, 0.060, 0.0001),
            token("quant", "QNT", "Quant", "https://etherscan.io/token/0x4a220e6096b25eadb88358cb44068a3248254675", 105, 14_500_000, 14_612_493d, 0.055, 0.0,
                    "0x4a220e6096b25eadb88358cb44068a3248254675"),
            coin("chiliz", "CHZ", "Chiliz", "https://etherscan.io/token/0x3506424f91fd33084466f402d5d97f05f8e3b4af", 0.095, 8_800_000_000d, 8_888_888_888d, 0.065, 0.0),
            token("curve-dao-token", "CRV", "Curve DAO Token", "https://etherscan.io/token/0xd533a949740bb3306d119cc777fa900ba034cd52", 0.85, 1_250_000_000d, 3_030_000_000d, 0.070, 0.0005,
                    "0xd533a949740bb3306d119cc777fa900ba034cd52"),
            token("lido-dao", "LDO", "Lido DAO", "https://etherscan.io/token/0x5a98fcbea516cf06857215779fd812ca3bef1b32", 1.8, 890_000_000, 1_000_000_000d, 0.065, 0.0001,
                    "0x5a98fcbea516cf06857215779fd812ca3bef1b32"),
            token("immutable-x", "IMX", "Immutable", "https://etherscan.io/token/0xf57e7e7c23978c3caec3c3548e3d615c346e79ff", 1.3, 1_700_000_000d, 2_000_000_000d, 0.070, 0.0004,
                    "0xf57e7e7c23978c3caec3c3548e3d615c346e79ff"),
            coin("kucoin-token", "KCS", "KuCoin Token", "https://etherscan.io/token/0xf34960d9d60be18cc1d5afc1a6f012a723a28811", 11, 120_000_000, 170_000_000d, 0.040, 0.0),
            coin("kaspa", "KAS", "Kaspa", "https://explorer.kaspa.org/", 0.12, 25_600_000_000d, 28_700_000_000d, 0.065, 0.0003));

    /** How many assets the simulator lists: as many as CoinCap's /assets serves on one page. */
    static final int UNIVERSE_SIZE = 2000;

    /** The prefix of every made-up asset's id, so no one takes one for a real coin. */
    static final String SYNTHETIC_PREFIX = "synthetic-";

    /**
     * The real assets, then made-up ones down to rank {@value #UNIVERSE_SIZE}, for measuring at
     * CoinCap's scale. Market caps in the tail fall as a power of the rank from the last real one,
     * as the real market's do (about 10 million dollars at rank 2000); prices are spread from
     * 0.000001 to 100 dollars. All of it is a pure function of the rank.
     */
    static final List<ReferenceAsset> UNIVERSE = universe();

    private static List<ReferenceAsset> universe() {
        List<ReferenceAsset> all = new java.util.ArrayList<>(TOP);
        ReferenceAsset lastReal = TOP.get(TOP.size() - 1);
        double lastCap = lastReal.price() * lastReal.supply();
        for (int rank = TOP.size() + 1; rank <= UNIVERSE_SIZE; rank++) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(rank * 0x9E3779B97F4A7C15L);
            double cap = lastCap * Math.pow((double) TOP.size() / rank, 1.6) * Math.exp(0.2 * random.nextGaussian());
            double price = Math.pow(10, -6 + 8 * random.nextDouble());
            double supply = cap / price;
            Double maxSupply = random.nextBoolean() ? supply * (1.2 + random.nextDouble()) : null;
            String number = String.format(java.util.Locale.ROOT, "%04d", rank);
            all.add(coin(SYNTHETIC_PREFIX + number, "SYN" + number, "Synthetic " + number, null, price, supply, maxSupply,
                    0.03 + 0.04 * random.nextDouble(), 0.0002 * random.nextDouble()));
        }
        return List.copyOf(all);
    }

    private static ReferenceAsset coin(String id, String symbol, String name, String explorer, double price,
                                       double supply, Double maxSupply, double volatility, double growth) {
        return token(id, symbol, name, explorer, price, supply, maxSupply, volatility, growth, null);
    }

    private static ReferenceAsset token(String id, String symbol, String name, String explorer, double price,
                                        double supply, Double maxSupply, double volatility, double growth, String token) {
        return new ReferenceAsset(id, symbol, name, explorer, price, supply, maxSupply, volatility, growth, token);
    }

    boolean stable() {
        return volatility < 0.01;
    }
}
