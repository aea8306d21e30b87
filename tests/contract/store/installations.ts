import type { Installations } from '../../../adapters/slack/installations';
import type { ContractHarness } from './harness';

/** Installations, the port adapters/slack owns: one record a workspace, replaced, read and deleted. */
export function describeInstallationsContract(h: ContractHarness): void {
  describe('Installations (adapters/slack)', () => {
    const { uid, T0, at } = h;
    let store: Installations;
    beforeAll(() => {
      store = h.store();
    });

    it('saves, replaces, reads and deletes installations', async () => {
      const ws = uid('T');
      expect(await store.getInstallation('slack', ws)).toBeNull();
      await store.saveInstallation('slack', ws, 'enc:v1', T0);
      await store.saveInstallation('slack', ws, 'enc:v2', at(1));
      expect(await store.getInstallation('slack', ws)).toBe('enc:v2');
      expect(await store.getInstallation('teams', ws)).toBeNull();
      await store.deleteInstallation('slack', ws);
      expect(await store.getInstallation('slack', ws)).toBeNull();
    });
  });
}
