using Lucene.Net.Search;

namespace SesecPortal.Search;

/// <summary>
/// The scorer the top-hits collector reads: the match's score times the weight of its current status (in force first,
/// withdrawn last), so the prior is read on the day of the search, as the status filter is.
/// </summary>
internal sealed class WeightedScorer() : Scorer(null)
{
    public Scorer Inner { get; set; } = null!;

    public float[] Weights { get; set; } = [];

    public int[] Combos { get; set; } = [];

    public override int DocID => Inner.DocID;

    public override int Freq => Inner.Freq;

    public override float GetScore()
    {
        var score = Inner.GetScore();
        var combo = Combos[Inner.DocID];
        return combo >= 0 ? score * Weights[combo] : score;
    }

    public override int NextDoc() => Inner.NextDoc();

    public override int Advance(int target) => Inner.Advance(target);

    public override long GetCost() => Inner.GetCost();
}
