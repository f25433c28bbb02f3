/**
 * `HubspotAssociations.node` names both the node's `.ts` and its codex `.node.json`; Node's
 * CommonJS resolver tries extensions in registration order, where `.json` comes before the
 * `.ts` tsx adds. Re-registering `.json` puts it last, so the harness gets the node class.
 */
const extensions: Partial<NodeJS.RequireExtensions> = require.extensions;
const json = extensions['.json'];
delete extensions['.json'];
extensions['.json'] = json;
