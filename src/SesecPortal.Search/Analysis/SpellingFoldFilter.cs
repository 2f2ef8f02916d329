using System.Collections.Frozen;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SesecPortal.Search.Analysis;

/// <summary>
/// British and American spellings of a word become one token, on documents and queries alike, before stemming:
/// -ise/-isation/-ised/-iser/-ising → -ize..., -yse → -yze (the rules of the PostgreSQL search this replaces), and for a
/// list of known words only, -our → -or, -re → -er, -ence → -ense, -ll- → -l- before -ed/-ing/-er, programme, catalogue,
/// ageing... A rule on every word ending in -our or -re would break four, hour, your, more, are, sure, fire: the list
/// holds the words where the two spellings mean the same.
/// </summary>
internal sealed class SpellingFoldFilter(TokenStream input) : TokenFilter(input)
{
    private readonly ICharTermAttribute term = input.AddAttribute<ICharTermAttribute>();

    /// <summary>British stem → American stem; matched as the whole word or followed by one of <see cref="Suffixes"/>.</summary>
    private static readonly FrozenDictionary<string, string> Stems = new Dictionary<string, string>
    {
        // -our → -or
        ["colour"] = "color", ["behaviour"] = "behavior", ["labour"] = "labor", ["favour"] = "favor", ["honour"] = "honor",
        ["harbour"] = "harbor", ["neighbour"] = "neighbor", ["flavour"] = "flavor", ["humour"] = "humor", ["rumour"] = "rumor",
        ["vapour"] = "vapor", ["odour"] = "odor", ["armour"] = "armor", ["endeavour"] = "endeavor", ["savour"] = "savor",
        ["vigour"] = "vigor", ["rigour"] = "rigor", ["valour"] = "valor", ["clamour"] = "clamor", ["parlour"] = "parlor",
        ["saviour"] = "savior", ["splendour"] = "splendor", ["tumour"] = "tumor", ["demeanour"] = "demeanor",
        // -re → -er
        ["centre"] = "center", ["metre"] = "meter", ["litre"] = "liter", ["fibre"] = "fiber", ["theatre"] = "theater",
        ["calibre"] = "caliber", ["sabre"] = "saber", ["lustre"] = "luster", ["spectre"] = "specter", ["sombre"] = "somber",
        ["meagre"] = "meager", ["kilometre"] = "kilometer", ["millimetre"] = "millimeter", ["centimetre"] = "centimeter",
        ["nanometre"] = "nanometer", ["micrometre"] = "micrometer", ["epicentre"] = "epicenter", ["manoeuvre"] = "maneuver",
        // -ence → -ense (nouns)
        ["licence"] = "license", ["defence"] = "defense", ["offence"] = "offense", ["pretence"] = "pretense",
        // others
        ["programme"] = "program", ["catalogue"] = "catalog", ["dialogue"] = "dialog", ["analogue"] = "analog",
        ["aluminium"] = "aluminum", ["ageing"] = "aging", ["grey"] = "gray", ["sulphur"] = "sulfur", ["aeroplane"] = "airplane",
        ["enrol"] = "enroll", ["fulfil"] = "fulfill", ["instil"] = "instill", ["distil"] = "distill", ["judgement"] = "judgment",
        ["acknowledgement"] = "acknowledgment", ["oestrogen"] = "estrogen", ["paediatric"] = "pediatric", ["haemoglobin"] = "hemoglobin",
        ["anaesthesia"] = "anesthesia", ["orthopaedic"] = "orthopedic", ["foetal"] = "fetal", ["plough"] = "plow",
        ["draught"] = "draft", ["mould"] = "mold", ["storey"] = "story", ["tyre"] = "tire", ["kerb"] = "curb",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Stems whose British spelling doubles the final l before -ed, -ing, -er (labelled, modelling, cancelled).</summary>
    private static readonly FrozenSet<string> DoubledL = new[]
    {
        "label", "model", "travel", "cancel", "signal", "channel", "level", "fuel", "counsel", "total", "marshal", "tunnel",
        "dial", "equal", "jewel", "panel", "pedal", "rival", "shovel", "funnel", "initial", "kernel", "libel", "marvel",
        "parcel", "quarrel", "refuel", "remodel", "snorkel", "unravel", "yodel", "barrel", "bevel", "chisel", "duel",
        "enamel", "gravel", "grovel", "model", "swivel", "tassel", "towel", "trammel", "travel", "annul",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] Suffixes = ["", "s", "d", "ed", "ing", "r", "rs", "er", "ers", "al", "ally", "ful", "less", "able", "ment", "ments", "ly"];

    private static readonly string[] IseSuffixes = ["ation", "ations", "e", "es", "ed", "er", "ers", "ing"];
    private static readonly string[] YseSuffixes = ["e", "es", "ed", "er", "ers", "ing"];
    private static readonly string[] LlSuffixes = ["ed", "ing", "er", "ers"];

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var length = term.Length;
        if (length < 4)
        {
            return true;
        }

        var buffer = term.Buffer;
        for (var i = 0; i < length; i++)
        {
            if (buffer[i] is < 'a' or > 'z')
            {
                return true;
            }
        }

        var folded = Fold(buffer.AsSpan(0, length));
        if (folded is not null)
        {
            term.SetEmpty().Append(folded);
        }

        return true;
    }

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> StemsBySpan = Stems.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DoubledLBySpan = DoubledL.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The American form of a lower-case ASCII word, or null when it has none.</summary>
    internal static string? Fold(string word) => Fold(word.AsSpan());

    /// <summary>The American form of a lower-case ASCII word, or null when it has none (allocates only when it has one).</summary>
    internal static string? Fold(ReadOnlySpan<char> word)
    {
        // Known words and their derived forms (colours, centred, licences).
        foreach (var suffix in Suffixes)
        {
            if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal)
                && StemsBySpan.TryGetValue(word[..^suffix.Length], out var american))
            {
                return american + suffix;
            }
        }

        // centred, centring, licenced: the -re/-ce stem loses its final e before -d/-ing.
        var red = word.EndsWith("red", StringComparison.Ordinal);
        if (red || word.EndsWith("ring", StringComparison.Ordinal))
        {
            var stem = string.Concat(red ? word[..^2] : word[..^3], "e");
            if (Stems.TryGetValue(stem, out var american) && american.EndsWith("er", StringComparison.Ordinal))
            {
                return american + (red ? "ed" : "ing");
            }
        }

        foreach (var suffix in LlSuffixes)
        {
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal) && word[^(suffix.Length + 1)] == 'l'
                && word[^(suffix.Length + 2)] == 'l' && DoubledLBySpan.Contains(word[..^(suffix.Length + 1)]))
            {
                return string.Concat(word[..^(suffix.Length + 1)], suffix);
            }
        }

        // ([a-z]{3,})is(ation|ations|e|es|ed|er|ers|ing) → \1iz\2
        foreach (var suffix in IseSuffixes)
        {
            var cut = suffix.Length + 2;
            if (word.Length >= cut + 3 && word.EndsWith(suffix, StringComparison.Ordinal) && word[^cut] == 'i' && word[^(cut - 1)] == 's')
            {
                return string.Concat(word[..^cut], "iz", suffix);
            }
        }

        // ([a-z]{2,})ys(e|es|ed|er|ers|ing) → \1yz\2
        foreach (var suffix in YseSuffixes)
        {
            var cut = suffix.Length + 2;
            if (word.Length >= cut + 2 && word.EndsWith(suffix, StringComparison.Ordinal) && word[^cut] == 'y' && word[^(cut - 1)] == 's')
            {
                return string.Concat(word[..^cut], "yz", suffix);
            }
        }

        return null;
    }
}
