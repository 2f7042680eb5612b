using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TripSage.Memory.Grains.Security.Auth;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>The validated-token cache: repeated tokens skip validation, but expiry and key changes are still honoured.</summary>
public sealed class CallerAuthenticatorCacheTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task AuthenticateAsync_SameTokenTwice_IsRememberedOnce()
    {
        var authenticator = Authenticator(new ChangingOptions(Options(TestTokens.SigningKey)));
        var token = TestTokens.For("alice");

        var first = await authenticator.AuthenticateAsync(token);
        var second = await authenticator.AuthenticateAsync(token);

        Assert.Equal(first, second);
        Assert.Equal(1, authenticator.CachedTokens);
    }

    [Fact]
    public async Task AuthenticateAsync_CachedTokenPastItsExpiry_IsRefused()
    {
        var authenticator = Authenticator(new ChangingOptions(Options(TestTokens.SigningKey)));
        var token = TestTokens.For("alice", lifetime: TimeSpan.FromMinutes(10));
        await authenticator.AuthenticateAsync(token);

        _clock.Advance(TimeSpan.FromMinutes(11));

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => authenticator.AuthenticateAsync(token));
        Assert.Contains("expired", error.Message);
    }

    [Fact]
    public async Task AuthenticateAsync_CachedTokenAfterItsKeyWasRemoved_IsRefused()
    {
        var options = new ChangingOptions(Options(TestTokens.SigningKey));
        var authenticator = Authenticator(options);
        var token = TestTokens.For("alice");
        await authenticator.AuthenticateAsync(token);

        options.Change(Options(KeyRing.NewKey()));

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => authenticator.AuthenticateAsync(token));
        Assert.Contains("signature", error.Message);
        Assert.Equal(0, authenticator.CachedTokens);
    }

    [Fact]
    public async Task AuthenticateAsync_RefusedToken_IsNotRemembered()
    {
        var authenticator = Authenticator(new ChangingOptions(Options(TestTokens.SigningKey)));

        await Assert.ThrowsAsync<AccessDeniedException>(() => authenticator.AuthenticateAsync(TestTokens.For("alice", signingKey: KeyRing.NewKey())));

        Assert.Equal(0, authenticator.CachedTokens);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    public async Task AuthenticateAsync_ManyTokens_StayWithinTheBound(int capacity, int mostRemembered)
    {
        var options = Options(TestTokens.SigningKey);
        options.MaxCachedTokens = capacity;
        var authenticator = Authenticator(new ChangingOptions(options));

        foreach (var user in new[] { "a", "b", "c", "d", "e" })
        {
            await authenticator.AuthenticateAsync(TestTokens.For(user));
            Assert.InRange(authenticator.CachedTokens, 0, mostRemembered);
        }
    }

    private CallerAuthenticator Authenticator(ChangingOptions options) => new(options, _clock);

    private static AuthOptions Options(string signingKey) => new() { SigningKey = signingKey, ClockSkew = TimeSpan.Zero };

    /// <summary>Options that can be reloaded, as configuration reload does on a silo.</summary>
    private sealed class ChangingOptions(AuthOptions initial) : IOptionsMonitor<AuthOptions>
    {
        private readonly List<Action<AuthOptions, string?>> _listeners = [];

        public AuthOptions CurrentValue { get; private set; } = initial;

        public AuthOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<AuthOptions, string?> listener)
        {
            _listeners.Add(listener);
            return null;
        }

        public void Change(AuthOptions options)
        {
            CurrentValue = options;
            _listeners.ForEach(listener => listener(options, null));
        }
    }
}
