using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Messages;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.State;

/// <summary>
/// Bot Framework <see cref="IStorage"/> on the shared database. Unlike the SDK's Cosmos storage it also
/// checks ETags of plain dictionaries (what <see cref="BotState"/> saves), so two bot instances writing the
/// same conversation cannot silently overwrite each other.
/// </summary>
public sealed class DatabaseStorage(IStateStore store) : IStorage
{
    private const string ETagProperty = "eTag";

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Ignore,
    });

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var documents = await store.ReadAsync(keys, cancellationToken);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, document) in documents)
        {
            var item = JsonText.ParseObject(document.Json);
            item[ETagProperty] = document.ETag;
            result[key] = item;
        }

        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        var batch = StateBatch.Current;
        foreach (var (key, value) in changes)
        {
            var json = JObject.FromObject(value, Serializer);
            var expected = value is IStoreItem storeItem ? storeItem.ETag : json.Value<string>(ETagProperty);
            json.Remove(ETagProperty);
            if (batch is not null)
            {
                batch.Add(new StateWrite(key, json.ToString(Formatting.None), expected, StateStore.NewETag()), value);
                continue;
            }

            var etag = await store.WriteAsync(key, json.ToString(Formatting.None), expected, cancellationToken);
            StateBatch.SetETag(value, etag);
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => store.DeleteAsync(keys, cancellationToken);
}
