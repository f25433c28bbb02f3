import { randomBytes } from 'crypto';

export type TokenCheck = 'valid' | 'expired' | 'unknown';

/** Access tokens (expiring), refresh tokens (long-lived) and private-app tokens (never expire). */
export class TokenStore {
	private readonly accessTokens = new Map<string, number>();
	private readonly refreshTokens = new Set<string>();
	private readonly privateAppTokens = new Set<string>();

	constructor(private readonly lifetimeSeconds: number) {}

	issue(expiresInSeconds = this.lifetimeSeconds): { accessToken: string; refreshToken: string; expiresIn: number } {
		const refreshToken = `sim-rt-${randomBytes(16).toString('hex')}`;
		this.refreshTokens.add(refreshToken);
		return { ...this.issueAccess(expiresInSeconds), refreshToken };
	}

	/** A new access token for a known refresh token; HubSpot keeps the refresh token unchanged. */
	refresh(refreshToken: string): { accessToken: string; expiresIn: number } | undefined {
		if (!this.refreshTokens.has(refreshToken)) return undefined;
		return this.issueAccess(this.lifetimeSeconds);
	}

	check(token: string): TokenCheck {
		if (this.privateAppTokens.has(token)) return 'valid';
		const expiresAt = this.accessTokens.get(token);
		if (expiresAt === undefined) return 'unknown';
		return Date.now() < expiresAt ? 'valid' : 'expired';
	}

	/** Seconds since the token expired, for HubSpot's "expired N second(s) ago" message. */
	secondsSinceExpiry(token: string): number {
		return Math.max(0, Math.round((Date.now() - (this.accessTokens.get(token) ?? Date.now())) / 1000));
	}

	addPrivateAppToken(token: string): void {
		this.privateAppTokens.add(token);
	}

	expire(accessToken: string): void {
		if (this.accessTokens.has(accessToken)) this.accessTokens.set(accessToken, Date.now() - 1);
	}

	expireAll(): void {
		for (const token of this.accessTokens.keys()) this.expire(token);
	}

	revokeRefreshToken(refreshToken: string): void {
		this.refreshTokens.delete(refreshToken);
	}

	private issueAccess(expiresInSeconds: number): { accessToken: string; expiresIn: number } {
		const accessToken = `sim-at-${randomBytes(24).toString('hex')}`;
		this.accessTokens.set(accessToken, Date.now() + expiresInSeconds * 1000);
		return { accessToken, expiresIn: expiresInSeconds };
	}
}
