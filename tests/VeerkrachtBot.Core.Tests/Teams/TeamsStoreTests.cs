using VeerkrachtBot.Core.Teams;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Teams;

public sealed class TeamsStoreTests
{
    private static StoredConversation Channel(string conversationId = "19:abc@thread.tacv2", string serviceUrl = "https://smba.trafficmanager.net/emea/") =>
        new(Ids.New(), "msteams", conversationId, serviceUrl, "tenant-1", "28:bot", null, null, "channel");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveConversation_Twice_RefreshesOneReference(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new Domain(db.Database).TeamsStore;

        var first = await store.SaveConversationAsync(Channel(), Domain.Start);
        var second = await store.SaveConversationAsync(Channel(serviceUrl: "https://smba.trafficmanager.net/emea2/"), Domain.Start.AddDays(1));

        Assert.Equal(first, second);
        Assert.Equal("https://smba.trafficmanager.net/emea2/", (await store.FindConversationAsync("msteams", "19:abc@thread.tacv2"))!.ServiceUrl);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Subscriptions_AreIdempotent_AndGoWithTheConversation(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new Domain(db.Database).TeamsStore;
        var reference = await store.SaveConversationAsync(Channel(), Domain.Start);
        var other = await store.SaveConversationAsync(Channel("19:other@thread.tacv2"), Domain.Start);

        await store.SubscribeAsync(new TeamsSubscription(Ids.New(), reference, "pottenberg", TeamsSubscription.AllThemes, "anne", Domain.Start));
        await store.SubscribeAsync(new TeamsSubscription(Ids.New(), reference, "pottenberg", TeamsSubscription.AllThemes, "anne", Domain.Start));
        await store.SubscribeAsync(new TeamsSubscription(Ids.New(), other, "pottenberg", "housing", "piet", Domain.Start));
        var subscribed = await store.SubscribersAsync("pottenberg");
        await store.RemoveConversationAsync("msteams", "19:abc@thread.tacv2");
        await store.UnsubscribeAsync(other, "pottenberg", "housing");

        Assert.Equal(2, subscribed.Count);
        Assert.Contains(subscribed, s => s.Conversation.Id == other && s.ThemeId == "housing");
        Assert.Empty(await store.SubscribersAsync("pottenberg"));
        Assert.Null(await store.FindConversationAsync("msteams", "19:abc@thread.tacv2"));
    }
}
