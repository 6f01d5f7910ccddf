using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Storage;

/// <summary>
/// The SQL Server schema, read from the T-SQL of every migration with ScriptDom (SQLite's TEXT has no width, so only
/// this can catch a value that SQL Server would refuse with "String or binary data would be truncated").
/// </summary>
public sealed class SqlServerSchemaTests
{
    private static readonly Assembly[] Assemblies = [typeof(IDatabase).Assembly, typeof(Program).Assembly];

    /// <summary>Every migration's T-SQL, in the order the runner applies them.</summary>
    private static IReadOnlyList<Migration> Migrations() => Assemblies.SelectMany(a => a.GetTypes())
        .Where(t => typeof(IMigrationSource).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
        .SelectMany(t => ((IMigrationSource)Activator.CreateInstance(t)!).Migrations)
        .OrderBy(m => m.Module, StringComparer.Ordinal).ThenBy(m => m.Version)
        .ToList();

    /// <summary>The longest value the code puts in each id-like column, and where it comes from.</summary>
    private static async Task<Dictionary<string, (int Longest, string Source)>> LongestValuesAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "veerkracht-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string pseudonym;
        try
        {
            var database = new SqliteDatabase($"Data Source={Path.Combine(folder, "ids.db")}");
            await new MigrationRunner(database, [new CoreMigrations()], NullLogger<MigrationRunner>.Instance).ApplyAsync();
            pseudonym = await new ResidentPseudonyms(new SecretStore(database, TimeProvider.System)).ForAsync("webchat", "someone");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        var resident = (pseudonym.Length, "ResidentPseudonyms (r_ + HMAC-SHA256 in hex)");
        var id = (Ids.New().Length, "Ids.New()");
        var neighbourhood = (NeighbourhoodCatalog.Defaults.Max(n => n.Id.Length), "the configured neighbourhood ids");
        var theme = (ThemeCatalog.Defaults.Max(t => t.Id.Length), "the configured theme ids");
        var channel = (typeof(Microsoft.Bot.Connector.Channels).GetFields().Select(f => ((string)f.GetValue(null)!).Length).Max(), "Bot Framework channel ids");
        var guid = (Guid.Empty.ToString().Length, "an Entra ID GUID");
        var channelGiven = (256, "given by the channel (Teams conversation and user ids run to a few hundred characters)");
        var directLineConversation = (((string)typeof(DirectLineService).GetMethod("NewId", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null)!).Length, "DirectLineService.NewId");
        var directLineUser = (DirectLineService.NewUserId().Length, "DirectLineService.NewUserId");
        var clientActivity = (200, "given by the Direct Line client");
        return new(StringComparer.Ordinal)
        {
            ["residents.id"] = resident,
            ["resident_consents.resident_id"] = resident,
            ["ideas.resident_id"] = resident,
            ["rsvps.resident_id"] = resident,
            ["poll_responses.resident_id"] = resident,
            ["resident_conversations.resident_id"] = resident,
            ["residents.channel_id"] = channel,
            ["conversation_references.channel_id"] = channel,
            ["ideas.id"] = id,
            ["idea_themes.idea_id"] = id,
            ["idea_status_history.id"] = id,
            ["idea_status_history.idea_id"] = id,
            ["meetings.id"] = id,
            ["rsvps.meeting_id"] = id,
            ["polls.id"] = id,
            ["poll_neighbourhoods.poll_id"] = id,
            ["poll_results_sent.poll_id"] = id,
            ["poll_responses.id"] = id,
            ["poll_responses.poll_id"] = id,
            ["conversation_references.id"] = id,
            ["teams_subscriptions.id"] = id,
            ["teams_subscriptions.conversation_reference_id"] = id,
            ["audit_log.id"] = id,
            ["audit_log.target_id"] = id,
            ["residents.neighbourhood_id"] = neighbourhood,
            ["ideas.neighbourhood_id"] = neighbourhood,
            ["idea_themes.neighbourhood_id"] = neighbourhood,
            ["meetings.neighbourhood_id"] = neighbourhood,
            ["rsvps.neighbourhood_id"] = neighbourhood,
            ["poll_neighbourhoods.neighbourhood_id"] = neighbourhood,
            ["poll_responses.neighbourhood_id"] = neighbourhood,
            ["teams_subscriptions.neighbourhood_id"] = neighbourhood,
            ["idea_themes.theme_id"] = theme,
            ["teams_subscriptions.theme_id"] = theme,
            ["conversation_references.conversation_id"] = channelGiven,
            ["conversation_references.user_id"] = channelGiven,
            ["conversation_references.bot_id"] = (("28:" + Guid.Empty).Length, "the bot's Teams id (28: + app id)"),
            ["conversation_references.tenant_id"] = guid,
            ["conversation_references.aad_object_id"] = guid,
            ["conversation_references.team_id"] = channelGiven,
            ["programme_managers.aad_object_id"] = guid,
            ["digest_charts.id"] = (32, "a chart's random 128-bit id in hex (ChartStore)"),
            ["professional_forms.form_id"] = (64, "a form's id as a card sends it back (cut at 64 characters)"),
            ["professional_forms.result_id"] = id,
            ["theme_corrections.id"] = id,
            ["theme_corrections.idea_id"] = id,
            ["directline_conversations.id"] = directLineConversation,
            ["directline_conversations.user_id"] = directLineUser,
            ["directline_activities.conversation_id"] = directLineConversation,
            ["directline_activities.client_activity_id"] = clientActivity,
            ["notification_outbox.id"] = id,
            ["notification_outbox.recipient_id"] = (Math.Max(resident.Length, Math.Max(id.Item1, guid.Item1)), "a resident pseudonym, a conversation reference id or an Entra object id"),
            ["inactive_conversations.channel_id"] = channel,
            ["inactive_conversations.conversation_id"] = channelGiven,
            ["pulse_responses.id"] = id,
            ["pulse_responses.resident_id"] = resident,
            ["pulse_responses.neighbourhood_id"] = neighbourhood,
            ["pulse_offers.resident_id"] = resident,
            ["resident_background.resident_id"] = resident,
            ["neighbourhood_population.neighbourhood_id"] = neighbourhood,
            ["evaluations.id"] = id,
            ["evaluations.resident_id"] = resident,
            ["evaluations.subject_id"] = (Math.Max(id.Item1, VeerkrachtBot.Core.Evaluations.Evaluation.IdeaStatusSubject(Ids.New(), Enum.GetValues<VeerkrachtBot.Core.Ideas.IdeaStatus>().MaxBy(s => s.ToString().Length)).Length),
                "a meeting or poll id, or Evaluation.IdeaStatusSubject (idea id and status)"),
            ["evaluations.neighbourhood_id"] = neighbourhood,
            ["meeting_attendance.meeting_id"] = id,
            ["meeting_attendance.resident_id"] = resident,
            ["meeting_evaluation_runs.meeting_id"] = id,
            ["poll_evaluation_runs.poll_id"] = id,
        };
    }

    [Fact]
    public async Task EveryIdColumn_IsWideEnoughForTheLongestValueTheCodeMakes()
    {
        var schema = Schema.Build(Migrations());
        var longest = await LongestValuesAsync();

        var idColumns = schema.Tables.SelectMany(t => t.Value.Columns.Values.Select(c => (Key: $"{t.Key}.{c.Name}", Column: c)))
            .Where(c => c.Column.Name == "id" || c.Column.Name.EndsWith("_id", StringComparison.Ordinal))
            .ToList();

        Assert.True(idColumns.Count > 30, $"only {idColumns.Count} id columns found");
        var problems = new List<string>();
        foreach (var (key, column) in idColumns)
        {
            if (!longest.TryGetValue(key, out var value))
            {
                problems.Add($"{key}: not known to this test; say what the longest value is");
            }
            else if (column.Length is { } width && width < value.Longest)
            {
                problems.Add($"{key} is {column.Type}({width}) but {value.Source} makes {value.Longest} characters");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void AlteredColumns_HaveNoKeyOrIndexOnThemWhileAltered_AndEverythingIsRebuiltWithTheSameNullability()
    {
        // Schema.Build refuses ALTER COLUMN while a primary key, foreign key (either end) or index covers the column.
        // SQL Server refuses it for keys (it allows widening under a plain index; our migrations rebuild those too).
        // And a migration must leave every key and index it dropped in place again, with the same columns.
        var migrations = Migrations();
        for (var i = 0; i < migrations.Count; i++)
        {
            var before = Schema.Build(migrations.Take(i));
            var after = Schema.Build(migrations.Take(i + 1));
            if (!migrations[i].SqlServer.Contains("ALTER COLUMN", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            Assert.Empty(before.Dependents.Keys.Except(after.Dependents.Keys));
            foreach (var (name, dependent) in before.Dependents)
            {
                Assert.Equal(dependent with { }, after.Dependents[name]);
            }

            foreach (var (table, columns) in before.Tables)
            {
                foreach (var column in columns.Columns.Values)
                {
                    Assert.True(after.Tables[table].Columns[column.Name].Nullable == column.Nullable, $"{table}.{column.Name} changed nullability in migration {migrations[i].Module} {migrations[i].Version}");
                }
            }
        }
    }

    [Fact]
    public void SchemaModel_RefusesAlteringAKeyColumn()
    {
        var migration = new Migration("t", 1, "t", "", """
            CREATE TABLE a (id NVARCHAR(10) NOT NULL CONSTRAINT pk_a PRIMARY KEY);
            ALTER TABLE a ALTER COLUMN id NVARCHAR(20) NOT NULL;
            """);

        var error = Assert.Throws<InvalidOperationException>(() => Schema.Build([migration]));
        Assert.Contains("pk_a", error.Message, StringComparison.Ordinal);
    }

    internal sealed record Column(string Name, string Type, int? Length, bool Nullable);

    internal sealed record Table(Dictionary<string, Column> Columns);

    /// <summary>A primary key, unique constraint, foreign key or index, with the columns it covers.</summary>
    internal sealed record Dependent(string Name, string Kind, string Table, string Columns, string? ReferencedTable, string? ReferencedColumns);

    /// <summary>Tables, columns, keys and indexes as the T-SQL of the migrations leaves them.</summary>
    internal sealed class Schema
    {
        public Dictionary<string, Table> Tables { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Dependent> Dependents { get; } = new(StringComparer.Ordinal);

        public static Schema Build(IEnumerable<Migration> migrations)
        {
            var schema = new Schema();
            foreach (var migration in migrations)
            {
                foreach (var statement in TSql.Parse(migration.SqlServer).Batches.SelectMany(b => b.Statements))
                {
                    schema.Apply(statement, $"{migration.Module} {migration.Version}");
                }
            }

            return schema;
        }

        private void Apply(TSqlStatement statement, string migration)
        {
            switch (statement)
            {
                case CreateTableStatement create:
                    var table = create.SchemaObjectName.BaseIdentifier.Value;
                    var columns = new Dictionary<string, Column>(StringComparer.Ordinal);
                    Tables[table] = new Table(columns);
                    foreach (var column in create.Definition.ColumnDefinitions)
                    {
                        var name = column.ColumnIdentifier.Value;
                        var primary = column.Constraints.OfType<UniqueConstraintDefinition>().Any(u => u.IsPrimaryKey);
                        var notNull = column.Constraints.OfType<NullableConstraintDefinition>().Any(n => !n.Nullable) || primary;
                        columns[name] = Describe(name, column.DataType, !notNull && column.IdentityOptions is null);
                        foreach (var constraint in column.Constraints)
                        {
                            AddConstraint(table, constraint, [name]);
                        }
                    }

                    foreach (var constraint in create.Definition.TableConstraints)
                    {
                        AddConstraint(table, constraint, []);
                    }

                    break;
                case CreateIndexStatement index:
                    Add(new Dependent(index.Name.Value, "index", index.OnName.BaseIdentifier.Value, string.Join(",", index.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value)), null, null));
                    break;
                case DropIndexStatement drop:
                    foreach (var clause in drop.DropIndexClauses.OfType<DropIndexClause>())
                    {
                        Remove(clause.Index.Value);
                    }

                    break;
                case AlterTableDropTableElementStatement drop:
                    foreach (var element in drop.AlterTableDropTableElements)
                    {
                        Remove(element.Name.Value);
                    }

                    break;
                case AlterTableAddTableElementStatement add:
                    foreach (var constraint in add.Definition.TableConstraints)
                    {
                        AddConstraint(add.SchemaObjectName.BaseIdentifier.Value, constraint, []);
                    }

                    break;
                case AlterTableAlterColumnStatement alter:
                    var altered = alter.SchemaObjectName.BaseIdentifier.Value;
                    var columnName = alter.ColumnIdentifier.Value;
                    var blocking = Dependents.Values.FirstOrDefault(d =>
                        (d.Table == altered && d.Columns.Split(',').Contains(columnName))
                        || (d.ReferencedTable == altered && d.ReferencedColumns!.Split(',').Contains(columnName)));
                    if (blocking is not null)
                    {
                        throw new InvalidOperationException($"Migration {migration}: ALTER COLUMN {altered}.{columnName} while {blocking.Kind} {blocking.Name} covers it; drop it first and make it again after.");
                    }

                    Tables[altered].Columns[columnName] = Describe(columnName, alter.DataType, alter.AlterTableAlterColumnOption != AlterTableAlterColumnOption.NotNull);
                    break;
            }
        }

        private static Column Describe(string name, DataTypeReference type, bool nullable)
        {
            var sql = (SqlDataTypeReference)type;
            var length = sql.Parameters.FirstOrDefault() is IntegerLiteral literal ? int.Parse(literal.Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
            return new Column(name, sql.SqlDataTypeOption.ToString().ToUpperInvariant(), sql.SqlDataTypeOption is SqlDataTypeOption.NVarChar or SqlDataTypeOption.VarChar or SqlDataTypeOption.NChar or SqlDataTypeOption.Char ? length : null, nullable);
        }

        private void AddConstraint(string table, ConstraintDefinition constraint, IReadOnlyList<string> ownColumn)
        {
            var name = constraint.ConstraintIdentifier?.Value;
            switch (constraint)
            {
                case UniqueConstraintDefinition unique when name is not null:
                    var columns = unique.Columns.Count > 0 ? unique.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value).ToList() : ownColumn;
                    Add(new Dependent(name, unique.IsPrimaryKey ? "primary key" : "unique constraint", table, string.Join(",", columns), null, null));
                    break;
                case ForeignKeyConstraintDefinition foreign when name is not null:
                    var own = foreign.Columns.Count > 0 ? foreign.Columns.Select(c => c.Value).ToList() : ownColumn;
                    Add(new Dependent(name, "foreign key", table, string.Join(",", own), foreign.ReferenceTableName.BaseIdentifier.Value, string.Join(",", foreign.ReferencedTableColumns.Select(c => c.Value))));
                    break;
                case UniqueConstraintDefinition or ForeignKeyConstraintDefinition:
                    throw new InvalidOperationException($"{table}: an unnamed key cannot be dropped by name in a later migration; name it.");
            }
        }

        private void Add(Dependent dependent)
        {
            if (!Dependents.TryAdd(dependent.Name, dependent))
            {
                throw new InvalidOperationException($"{dependent.Name} exists already.");
            }
        }

        private void Remove(string name)
        {
            if (!Dependents.Remove(name))
            {
                throw new InvalidOperationException($"{name} does not exist; SQL Server would fail the migration.");
            }
        }
    }
}
