using VeerkrachtBot.Core.Digests.Clustering;

namespace VeerkrachtBot.Core.Tests.Digests;

public sealed class ConcernClustererTests
{
    private static readonly ClusterItem[] Items =
    [
        new("01", "De lantaarnpalen bij de speeltuin zijn kapot, het is er aardedonker", "nl", ["public-space"]),
        new("02", "Straatverlichting rond de speeltuin doet het niet", "nl", ["public-space", "safety"]),
        new("03", "The street lights at the playground are broken", "en", ["public-space"]),
        new("04", "De schommel in de speeltuin is kapot", "nl", ["public-space"]),
        new("05", "Er wordt veel te hard gereden bij de school, er moet een drempel komen", "nl", ["mobility"]),
        new("06", "Hardrijders bij de basisschool, graag een verkeersdrempel", "nl", ["mobility"]),
        new("07", "Ik zoek hulp bij mijn schulden", "nl", ["livelihood"]),
        new("08", "", "nl", ["safety"]),
    ];

    [Fact]
    public void SameConcern_IsOneGroup_InBothLanguages()
    {
        var groups = ConcernClusterer.Cluster(Items).Select(g => g.Select(i => Items[i].Id).ToList()).ToList();

        Assert.Contains(groups, g => g.Take(3).SequenceEqual(["01", "02", "03"]));
        Assert.Contains(groups, g => g.SequenceEqual(["05", "06"]));
        Assert.Contains(groups, g => g.SequenceEqual(["07"]));
        Assert.Contains(groups, g => g.SequenceEqual(["08"]));
    }

    [Fact]
    public void Groups_DoNotDependOnTheOrderOfRows()
    {
        var expected = Groups(Items);
        var random = new Random(7);
        for (var round = 0; round < 20; round++)
        {
            var shuffled = Items.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, Groups(shuffled));
        }
    }

    [Fact]
    public void AverageLinkage_EqualsTheTextbookAlgorithm()
    {
        var random = new Random(11);
        for (var round = 0; round < 40; round++)
        {
            var vectors = Enumerable.Range(0, 25).Select(_ => RandomVector(random)).ToList();
            var threshold = 0.15 + random.NextDouble() * 0.4;

            Assert.Equal(Partition(Naive(vectors, threshold)), Partition(AverageLinkage.Cluster(vectors, threshold)));
        }
    }

    [Fact]
    public void AverageLinkage_CountsIdenticalVectorsOnce_AndStillGroupsThem()
    {
        var a = SparseVector.From([new(0, 1.0), new(1, 1.0)]).Normalized();
        var b = SparseVector.From([new(2, 1.0)]).Normalized();

        var labels = AverageLinkage.Cluster([a, b, a, a, b], 0.5);

        Assert.Equal([0, 1, 0, 0, 1], labels);
    }

    private static List<string> Groups(IReadOnlyList<ClusterItem> items) =>
        ConcernClusterer.Cluster(items).Select(g => string.Join(",", g.Select(i => items[i].Id).Order())).Order().ToList();

    private static SparseVector RandomVector(Random random) =>
        SparseVector.From(Enumerable.Range(0, 1 + random.Next(4)).Select(_ => new KeyValuePair<int, double>(random.Next(12), random.NextDouble())).DistinctBy(p => p.Key)).Normalized();

    private static List<string> Partition(int[] labels) =>
        Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).Select(g => string.Join(",", g)).Order().ToList();

    /// <summary>UPGMA with the full similarity matrix: merge the best pair while its mean similarity reaches the threshold.</summary>
    private static int[] Naive(List<SparseVector> vectors, double threshold)
    {
        var groups = Enumerable.Range(0, vectors.Count).Select(i => new List<int> { i }).ToList();
        while (true)
        {
            var best = (Similarity: double.MinValue, A: -1, B: -1);
            for (var a = 0; a < groups.Count; a++)
            {
                for (var b = a + 1; b < groups.Count; b++)
                {
                    var mean = groups[a].SelectMany(x => groups[b].Select(y => vectors[x].Dot(vectors[y]))).Average();
                    if (mean > best.Similarity + 1e-12)
                    {
                        best = (mean, a, b);
                    }
                }
            }

            if (best.A < 0 || best.Similarity < threshold)
            {
                break;
            }

            groups[best.A].AddRange(groups[best.B]);
            groups.RemoveAt(best.B);
        }

        var labels = new int[vectors.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var i in groups[g])
            {
                labels[i] = g;
            }
        }

        return labels;
    }
}
