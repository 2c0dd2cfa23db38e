// The Hotspots view: every hotspot of the report ranked by impact (the report's score), grouped by source file or
// by page (a toggle, remembered per workspace). A hotspot opens its line; CodeLens and hovers reveal hotspots here.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportHotspot } from '../analyzer/report/types';
import type { AnnotationLayout } from './annotation-layout';
import { formatConversions, hoverMarkdown, kindLabel, sessionCount, severityOf, type Severity } from './annotations';
import { trustedMarkdown } from './hover-provider';
import type { PosthogLinks } from './posthog-links';
import type { ReportStore } from './report-store';

export type Grouping = 'file' | 'page';

const GROUPING_KEY = 'frictionLens.hotspotGrouping';
export const GROUPING_CONTEXT_KEY = 'frictionLens.hotspotGrouping';
export const HAS_REPORT_CONTEXT_KEY = 'frictionLens.hasReport';
const NOT_MAPPED = 'Not mapped to source';

interface GroupNode {
  kind: 'group';
  label: string;
  hotspots: ReportHotspot[];
  /** Built once per refresh: the view matches nodes by identity when revealing them. */
  children: HotspotNode[];
}

interface HotspotNode {
  kind: 'hotspot';
  hotspot: ReportHotspot;
  group: GroupNode;
}

type Node = GroupNode | HotspotNode;

const ICON_COLOR: Record<Severity, string> = { high: 'list.errorForeground', medium: 'list.warningForeground', low: 'charts.blue' };

export class HotspotTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: GroupNode[] = [];
  private readonly subscriptions: vscode.Disposable[];
  readonly view: vscode.TreeView<Node>;

  constructor(
    private readonly state: vscode.Memento,
    private readonly store: ReportStore,
    private readonly layout: AnnotationLayout,
    private readonly links: PosthogLinks,
  ) {
    this.view = vscode.window.createTreeView('frictionLens.hotspots', { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [this.changed, this.view, store.onDidChange(() => this.refresh()), layout.onDidChange(() => this.changed.fire(undefined)), links.onDidChange(() => this.changed.fire(undefined))];
    this.refresh();
  }

  get grouping(): Grouping {
    return this.state.get<Grouping>(GROUPING_KEY, 'file');
  }

  async toggleGrouping(): Promise<Grouping> {
    await this.state.update(GROUPING_KEY, this.grouping === 'file' ? 'page' : 'file');
    this.refresh();
    return this.grouping;
  }

  private refresh(): void {
    const loaded = this.store.current;
    const hotspots = loaded ? [...loaded.report.hotspots].sort((a, b) => b.score - a.score) : [];
    const byKey = new Map<string, GroupNode>();
    for (const h of hotspots) {
      const label = this.grouping === 'page' ? h.page : (h.source[0]?.file ?? NOT_MAPPED);
      const group: GroupNode = byKey.get(label) ?? { kind: 'group', label, hotspots: [], children: [] };
      group.hotspots.push(h);
      group.children.push({ kind: 'hotspot', hotspot: h, group });
      byKey.set(label, group);
    }
    const total = (g: GroupNode) => g.hotspots.reduce((sum, h) => sum + h.score, 0);
    this.groups = [...byKey.values()].sort((a, b) => total(b) - total(a));
    this.view.description = loaded ? `${hotspots.length} · by ${this.grouping}` : undefined;
    void vscode.commands.executeCommand('setContext', GROUPING_CONTEXT_KEY, this.grouping);
    void vscode.commands.executeCommand('setContext', HAS_REPORT_CONTEXT_KEY, Boolean(loaded));
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.groups;
    return node.kind === 'group' ? node.children : [];
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'hotspot' ? node.group : undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node.kind === 'group' ? this.groupItem(node) : this.hotspotItem(node.hotspot);
  }

  private groupItem(group: GroupNode): vscode.TreeItem {
    const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group:${this.grouping}:${group.label}`;
    const lost = group.hotspots.reduce((sum, h) => sum + Math.max(0, h.impact?.lostConversions ?? 0), 0);
    const count = `${group.hotspots.length} hotspot${group.hotspots.length === 1 ? '' : 's'}`;
    item.description = lost > 0 ? `${count} · ${formatConversions(lost)} lost conv.` : count;
    item.iconPath = this.grouping === 'file' ? vscode.ThemeIcon.File : new vscode.ThemeIcon('globe');
    if (this.grouping === 'file' && group.label !== NOT_MAPPED && this.store.current) item.resourceUri = vscode.Uri.file(path.resolve(this.store.current.srcRoot, group.label));
    item.contextValue = 'hotspotGroup';
    return item;
  }

  private hotspotItem(h: ReportHotspot): vscode.TreeItem {
    const loaded = this.store.current;
    const severity = severityOf(h, loaded?.report.converted);
    const placed = this.layout.placementOf(h.id);
    const drifted = placed?.status === 'drifted';
    const best = h.source[0];
    const where = this.grouping === 'page' ? best?.component ?? best?.file : h.element ? best?.component ?? h.element.selector : h.page;
    const item = new vscode.TreeItem(`${kindLabel(h.kind)}${where ? ` · ${where}` : ''}`, vscode.TreeItemCollapsibleState.None);
    item.id = h.id;
    const cost = h.impact ? `${formatConversions(h.impact.lostConversions)} lost conv.` : `${Math.round(h.share * 100)}% of page`;
    item.description = `${sessionCount(h.sessions)} · ${cost}${drifted ? ' · code changed' : ''}`;
    item.tooltip = trustedMarkdown(hoverMarkdown(h, severity, { reportModel: loaded?.report.model, posthog: this.links.target(), drifted }));
    item.iconPath = drifted ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('disabledForeground')) : new vscode.ThemeIcon('flame', new vscode.ThemeColor(ICON_COLOR[severity]));
    item.contextValue = h.element ? 'hotspot' : 'pageHotspot';
    if (loaded && best) {
      const file = placed?.annotation.file ?? path.resolve(loaded.srcRoot, best.file);
      const line = (placed?.line ?? best.line) - 1;
      const column = (placed?.column ?? best.column) - 1;
      item.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.file(file), { selection: new vscode.Range(line, column, line, column) }] };
    }
    return item;
  }

  /** Shows these hotspots in the view: the first selected and focused, the others' groups expanded. */
  async reveal(hotspotIds: string[]): Promise<void> {
    const all = this.groups.flatMap((g) => g.children);
    const nodes = hotspotIds.flatMap((id) => all.filter((n) => n.hotspot.id === id));
    if (nodes.length === 0) return void vscode.window.showInformationMessage('Friction Lens: those hotspots are not in the current analysis.');
    for (const node of nodes.slice(1).reverse()) await this.view.reveal(node, { select: false, focus: false, expand: true });
    await this.view.reveal(nodes[0], { select: true, focus: true, expand: true });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
