using System.Reflection;
using System.Text.RegularExpressions;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Storage;

/// <summary>
/// No SQL Server runs on our machines, so every T-SQL statement of the stores and migrations is at least
/// parsed by Microsoft's own T-SQL parser. Statements live in <c>internal const</c> fields: those named
/// <c>Sqlite*</c> are SQLite-only, every other one must be valid T-SQL too.
/// </summary>
public sealed partial class TSqlStatementsTests
{
    private static readonly Assembly[] Assemblies = [typeof(IDatabase).Assembly, typeof(Program).Assembly];

    public static TheoryData<string, string> Statements()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in Assemblies.SelectMany(a => a.GetTypes()))
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (field is { IsLiteral: true, IsAssembly: true } && field.FieldType == typeof(string) && !field.Name.StartsWith("Sqlite", StringComparison.Ordinal)
                    && LooksLikeSql((string)field.GetRawConstantValue()!))
                {
                    data.Add($"{type.Name}.{field.Name}", (string)field.GetRawConstantValue()!);
                }
            }

            if (typeof(IMigrationSource).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false } && type.GetConstructor(Type.EmptyTypes) is not null)
            {
                foreach (var migration in ((IMigrationSource)Activator.CreateInstance(type)!).Migrations)
                {
                    data.Add($"migration {migration.Module} {migration.Version}", migration.SqlServer);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Statements_AreFound()
    {
        var names = Statements().Select(row => (string)row[0]).ToList();

        Assert.Contains("MigrationRunner.SqlServerBookkeeping", names);
        Assert.Contains("SqlIdeaStore.SqlServerInsertIfNew", names);
        Assert.Contains("SqlMeetingStore.SqlServerUpsertRsvp", names);
        Assert.Contains("TranscriptStore.SqlServerAppend", names);
        Assert.Contains("migration core 2", names);
        Assert.Contains("migration directline 1", names);
        Assert.True(names.Count > 60, $"only {names.Count} statements found");
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_ParsesAsTSql_OfTheOldestEngineWeSupport(string name, string sql)
    {
        // TSql160: SQL Server 2022 and Azure SQL. A newer grammar would accept syntax those engines refuse.
        TSql.Parser().Parse(new StringReader(sql), out var errors);

        Assert.True(errors.Count == 0, $"{name}: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_HasNoDapperListExpansion(string name, string sql)
    {
        // Dapper turns "IN @ids" into one parameter per id: SQL Server then compiles and caches one plan per list
        // length. Lists go in as one JSON parameter (OPENJSON / json_each) instead.
        Assert.False(DapperList().IsMatch(sql), $"{name} uses IN @list");
    }

    [Fact]
    public void Parser_RejectsSqliteOnlySyntax()
    {
        TSql.Parser().Parse(new StringReader("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING"), out var errors);

        Assert.NotEmpty(errors);
    }

    private static bool LooksLikeSql(string text) => SqlStart().IsMatch(text);

    [GeneratedRegex(@"\bIN\s+@\w+")]
    private static partial Regex DapperList();

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|CREATE|EXEC|IF|DECLARE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlStart();
}
