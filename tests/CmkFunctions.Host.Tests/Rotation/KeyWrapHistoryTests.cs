using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>A record's wraps stay bounded however often its key rotates: the first wrap and the latest re-wraps.</summary>
public sealed class KeyWrapHistoryTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ManyRotationsKeepTheCreationWrapAndTheLatestReWrapsInOrder()
    {
        var state = new ResourceState().WithKeyWrap(Wrap(0, KeyWrapTrigger.Creation));
        for (var rotation = 1; rotation <= 25; rotation++)
        {
            state = state.WithKeyWrap(Wrap(rotation, KeyWrapTrigger.Rotation));
        }

        Assert.Equal(ResourceState.KeptKeyWraps, state.KeyWraps.Length);
        Assert.Equal(KeyWrapTrigger.Creation, state.KeyWraps[0].Trigger);
        Assert.Equal(["v0", .. Enumerable.Range(17, 9).Select(rotation => $"v{rotation}")], state.KeyWraps.Select(wrap => wrap.KeyId));
    }

    [Fact]
    public void FewWrapsAreAllKept()
    {
        var state = new ResourceState().WithKeyWrap(Wrap(0, KeyWrapTrigger.Creation)).WithKeyWrap(Wrap(1, KeyWrapTrigger.Request));

        Assert.Equal(["v0", "v1"], state.KeyWraps.Select(wrap => wrap.KeyId));
    }

    private static KeyWrapRecord Wrap(int version, KeyWrapTrigger trigger) =>
        new() { KeyId = $"v{version}", At = Created.AddDays(version), Trigger = trigger };
}
