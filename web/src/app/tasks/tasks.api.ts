import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CommandRun,
  CreateTaskInput,
  Task,
  TaskPreviewRequest,
  TaskPreviewResponse,
  UpdateTask,
} from '@hivewatch/protocol';
import type { Observable } from 'rxjs';

/**
 * `/api/v1/tasks` (admins; changes need step-up, which the interceptor asks for) and a task's
 * firings, which are command runs (`/api/v1/commands?taskId=…`).
 */
@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);

  list(): Observable<Task[]> {
    return this.http.get<Task[]>('/api/v1/tasks');
  }
  get(id: string): Observable<Task> {
    return this.http.get<Task>(`/api/v1/tasks/${encodeURIComponent(id)}`);
  }
  create(body: CreateTaskInput): Observable<Task> {
    return this.http.post<Task>('/api/v1/tasks', body);
  }
  update(id: string, body: UpdateTask): Observable<Task> {
    return this.http.patch<Task>(`/api/v1/tasks/${encodeURIComponent(id)}`, body);
  }
  remove(id: string): Observable<unknown> {
    return this.http.delete(`/api/v1/tasks/${encodeURIComponent(id)}`);
  }
  /** Fires once now, outside the schedule: the answer is the command run started. */
  runNow(id: string): Observable<CommandRun> {
    return this.http.post<CommandRun>(`/api/v1/tasks/${encodeURIComponent(id)}/run`, {});
  }
  /** The next firings of an expression in a zone, or a 400 with the parser's reason. */
  preview(body: TaskPreviewRequest): Observable<TaskPreviewResponse> {
    return this.http.post<TaskPreviewResponse>('/api/v1/tasks/preview', body);
  }
  /** The task's firings, newest first. */
  runs(taskId: string, limit = 50): Observable<CommandRun[]> {
    return this.http.get<CommandRun[]>('/api/v1/commands', { params: { taskId, limit } });
  }
}
