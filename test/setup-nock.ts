import nock from 'nock';

// Test files share one worker's `http` module but each loads its own nock: the one that
// intercepts must be this file's, and it must let go when the file is done.
beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
	nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});

afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
