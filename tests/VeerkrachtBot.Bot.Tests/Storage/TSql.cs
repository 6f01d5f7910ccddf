using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace VeerkrachtBot.Bot.Tests.Storage;

/// <summary>T-SQL read with Microsoft's ScriptDom, with the grammar of the oldest engine we support.</summary>
public static class TSql
{
    /// <summary>SQL Server 2022 and Azure SQL: the oldest engines the bot runs on.</summary>
    public static TSqlParser Parser() => new TSql160Parser(initialQuotedIdentifiers: true);

    public static TSqlScript Parse(string sql)
    {
        var script = (TSqlScript)Parser().Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")) + "\n" + sql);
        return script;
    }

    /// <summary>Every table a statement names, with the lock hints it gives that table there.</summary>
    public static IReadOnlyList<(string Table, IReadOnlyList<TableHintKind> Hints)> Tables(TSqlFragment fragment)
    {
        var visitor = new TableVisitor();
        fragment.Accept(visitor);
        return visitor.Found;
    }

    /// <summary>True when the statement holds a key-range lock on <paramref name="table"/> (HOLDLOCK or SERIALIZABLE) until commit.</summary>
    public static bool HoldsRangeLock(TSqlFragment fragment, string table) =>
        Tables(fragment).Any(t => t.Table == table && t.Hints.Any(h => h is TableHintKind.HoldLock or TableHintKind.Serializable));

    public static bool Touches(TSqlFragment fragment, string table) => Tables(fragment).Any(t => t.Table == table);

    private sealed class TableVisitor : TSqlFragmentVisitor
    {
        public List<(string, IReadOnlyList<TableHintKind>)> Found { get; } = [];

        public override void Visit(NamedTableReference node) =>
            Found.Add((node.SchemaObject.BaseIdentifier.Value, node.TableHints.Select(h => h.HintKind).ToList()));
    }
}
