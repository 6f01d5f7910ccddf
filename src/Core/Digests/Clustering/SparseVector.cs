namespace VeerkrachtBot.Core.Digests.Clustering;

/// <summary>A sparse vector: ascending feature indices and their weights.</summary>
internal sealed class SparseVector(int[] indices, double[] values)
{
    public int[] Indices { get; } = indices;

    public double[] Values { get; } = values;

    public int Count => Indices.Length;

    /// <summary>From feature weights in any order; zero weights are dropped.</summary>
    public static SparseVector From(IEnumerable<KeyValuePair<int, double>> weights)
    {
        var sorted = weights.Where(w => w.Value != 0).OrderBy(w => w.Key).ToArray();
        return new SparseVector(sorted.Select(w => w.Key).ToArray(), sorted.Select(w => w.Value).ToArray());
    }

    public double Norm()
    {
        var sum = 0.0;
        foreach (var v in Values)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>This vector scaled to length 1 (an empty vector stays empty).</summary>
    public SparseVector Normalized()
    {
        var norm = Norm();
        return norm == 0 ? this : Scaled(1 / norm);
    }

    public SparseVector Scaled(double factor) => new(Indices, Values.Select(v => v * factor).ToArray());

    public double Dot(SparseVector other)
    {
        double sum = 0;
        int i = 0, j = 0;
        while (i < Indices.Length && j < other.Indices.Length)
        {
            var a = Indices[i];
            var b = other.Indices[j];
            if (a == b)
            {
                sum += Values[i++] * other.Values[j++];
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    /// <summary>The sum of two vectors.</summary>
    public SparseVector Plus(SparseVector other)
    {
        var indices = new List<int>(Indices.Length + other.Indices.Length);
        var values = new List<double>(Indices.Length + other.Indices.Length);
        int i = 0, j = 0;
        while (i < Indices.Length || j < other.Indices.Length)
        {
            if (j == other.Indices.Length || (i < Indices.Length && Indices[i] < other.Indices[j]))
            {
                indices.Add(Indices[i]);
                values.Add(Values[i++]);
            }
            else if (i == Indices.Length || other.Indices[j] < Indices[i])
            {
                indices.Add(other.Indices[j]);
                values.Add(other.Values[j++]);
            }
            else
            {
                indices.Add(Indices[i]);
                values.Add(Values[i++] + other.Values[j++]);
            }
        }

        return new SparseVector([.. indices], [.. values]);
    }

    /// <summary>Whether both hold exactly the same weights.</summary>
    public bool SameAs(SparseVector other) => Indices.AsSpan().SequenceEqual(other.Indices) && Values.AsSpan().SequenceEqual(other.Values);
}
